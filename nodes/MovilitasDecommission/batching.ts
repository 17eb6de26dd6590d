import type { IDataObject } from 'n8n-workflow';

import type { GroupSettings, ItemRequest } from './requests';
import { packKey, packSettings } from './requests';

/** One request to send: a group's settings and at most a batch size of distinct serials. */
export interface Batch extends GroupSettings {
	/** Position of the batch in sending order, from 0. */
	index: number;
	/** The key of its settings, shared by every batch of its group. */
	key: string;
	serials: string[];
}

/** Where a group's serials went: each distinct serial's position in the group, in order. */
export interface GroupPlace {
	positions: Map<string, number>;
	/** The index of the group's first batch; its batches follow each other. */
	firstBatch: number;
	batchSize: number;
}

/** The batches to send, and where each (settings key, serial) is among them. */
export interface Plan {
	batches: Batch[];
	groups: Map<string, GroupPlace>;
}

interface Group extends GroupPlace {
	settings: GroupSettings;
	key: string;
	serials: string[];
}

/**
 * Groups the items' serials by (product code, reason, send to market, market) in the order the
 * groups first appear, sends each serial of a group once, and cuts each group into batches of
 * at most the smallest batch size any of its items asked for.
 */
export function planBatches(requests: Iterable<ItemRequest | undefined>): Plan {
	const groups = new Map<string, Group>();
	let last: Group | undefined;
	for (const request of requests) {
		if (!request) continue;
		for (const pack of request.packs) {
			const key = packKey(request, pack);
			// Items with equal settings share one key string: most runs look a group up once.
			let group = last !== undefined && last.key === key ? last : groups.get(key);
			if (!group) {
				const settings = packSettings(request, pack);
				group = {
					settings,
					key,
					batchSize: request.batchSize,
					firstBatch: 0,
					positions: new Map(),
					serials: [],
				};
				groups.set(key, group);
			}
			last = group;
			if (request.batchSize < group.batchSize) group.batchSize = request.batchSize;
			if (group.positions.get(pack.serial) === undefined) {
				group.positions.set(pack.serial, group.serials.length);
				group.serials.push(pack.serial);
			}
		}
	}

	const batches: Batch[] = [];
	const places = new Map<string, GroupPlace>();
	for (const group of groups.values()) {
		const { serials, batchSize, positions } = group;
		places.set(group.key, { positions, firstBatch: batches.length, batchSize });
		for (let start = 0; start < serials.length; start += batchSize) {
			batches.push({
				...group.settings,
				key: group.key,
				index: batches.length,
				serials: serials.slice(start, start + batchSize),
			});
		}
	}
	return { batches, groups: places };
}

/** The request body of a batch, exactly as the Manufacturer V2 API documents it. */
export function requestBody(batch: Batch): IDataObject {
	const body: IDataObject = {
		product_code: batch.productCode,
		product_code_schema: 'GTIN',
		reason: batch.reason,
		send_to_market: batch.sendToMarket,
	};
	if (batch.marketId !== '') body.market_id = batch.marketId;
	body.serials = batch.serials;
	return body;
}
