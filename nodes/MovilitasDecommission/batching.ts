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

/** The serials of one set of settings, in the order they first appear, each once. */
export interface Group {
	settings: GroupSettings;
	key: string;
	/** The smallest batch size any of its items asked for. */
	batchSize: number;
	serials: string[];
	/** The index of the group's first batch; its batches follow each other. */
	firstBatch: number;
}

/**
 * The batches to send, and where every pack went: slot n is the n-th pack of the valid
 * requests, in item order then pack order, which is the order the output is built in.
 */
export interface Plan {
	batches: Batch[];
	groups: Group[];
	slotGroups: number[];
	slotPositions: number[];
}

interface Grouping extends Group {
	index: number;
	seen: Set<string>;
	/** Made at the group's first repeated serial: most groups never need it. */
	positions?: Map<string, number>;
}

/** The position of a serial in its group, adding it when new: one Set operation as a rule. */
function place(group: Grouping, serial: string): number {
	const { serials } = group;
	if (!group.positions) {
		const size = group.seen.size;
		group.seen.add(serial);
		if (group.seen.size !== size) return serials.push(serial) - 1;
		group.positions = new Map(serials.map((known, position) => [known, position]));
	}
	const known = group.positions.get(serial);
	if (known !== undefined) return known;
	group.positions.set(serial, serials.length);
	return serials.push(serial) - 1;
}

/**
 * Groups the items' serials by (product code, reason, send to market, market) in the order the
 * groups first appear, sends each serial of a group once, and cuts each group into batches of
 * at most the smallest batch size any of its items asked for.
 */
export function planBatches(requests: Iterable<ItemRequest | undefined>): Plan {
	const byKey = new Map<string, Grouping>();
	const groups: Grouping[] = [];
	const slotGroups: number[] = [];
	const slotPositions: number[] = [];
	let last: Grouping | undefined;
	for (const request of requests) {
		if (!request) continue;
		for (const pack of request.packs) {
			const key = packKey(request, pack);
			// Items with equal settings share one key string: most runs look a group up once.
			let group = last !== undefined && last.key === key ? last : byKey.get(key);
			if (!group) {
				const settings = packSettings(request, pack);
				const index = groups.length;
				group = {
					settings,
					key,
					index,
					batchSize: request.batchSize,
					firstBatch: 0,
					serials: [],
					seen: new Set(),
				};
				byKey.set(key, group);
				groups.push(group);
			}
			last = group;
			if (request.batchSize < group.batchSize) group.batchSize = request.batchSize;
			slotGroups.push(group.index);
			slotPositions.push(place(group, pack.serial));
		}
	}

	const batches: Batch[] = [];
	for (const group of groups) {
		const { serials, batchSize } = group;
		group.firstBatch = batches.length;
		for (let start = 0; start < serials.length; start += batchSize) {
			batches.push({
				...group.settings,
				key: group.key,
				index: batches.length,
				serials: serials.slice(start, start + batchSize),
			});
		}
	}
	// The sets that found repeats are not needed any more: the plan keeps only what it says.
	const planned = groups.map(({ settings, key, batchSize, serials, firstBatch }) => {
		return { settings, key, batchSize, serials, firstBatch };
	});
	return { batches, groups: planned, slotGroups, slotPositions };
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
