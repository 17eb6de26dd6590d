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

interface Group {
	settings: GroupSettings;
	key: string;
	batchSize: number;
	serials: Set<string>;
}

/**
 * Groups the items' serials by (product code, reason, send to market, market) in the order the
 * groups first appear, sends each serial of a group once, and cuts each group into batches of
 * at most the smallest batch size any of its items asked for.
 */
export function planBatches(requests: Iterable<ItemRequest>): Batch[] {
	const groups = new Map<string, Group>();
	for (const request of requests) {
		for (const pack of request.packs) {
			const key = packKey(request, pack);
			let group = groups.get(key);
			if (!group) {
				const settings = packSettings(request, pack);
				group = { settings, key, batchSize: request.batchSize, serials: new Set() };
				groups.set(key, group);
			}
			if (request.batchSize < group.batchSize) group.batchSize = request.batchSize;
			group.serials.add(pack.serial);
		}
	}

	const batches: Batch[] = [];
	for (const group of groups.values()) {
		const serials = [...group.serials];
		for (let start = 0; start < serials.length; start += group.batchSize) {
			batches.push({
				...group.settings,
				key: group.key,
				index: batches.length,
				serials: serials.slice(start, start + group.batchSize),
			});
		}
	}
	return batches;
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
