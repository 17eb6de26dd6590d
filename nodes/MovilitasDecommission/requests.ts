import type { Market, Reason } from './vocabulary';

/** The settings one decommission request carries for all of its serials. */
export interface GroupSettings {
	productCode: string;
	reason: Reason;
	sendToMarket: boolean;
	marketId: Market;
}

/** One pack to decommission: its product and serial, and what its barcode said about it. */
export interface Pack {
	productCode: string;
	serial: string;
	lot?: string;
	expiry?: string;
}

/**
 * What one valid input item asks for. Its packs carry their own product code, because one
 * item of GS1 barcodes may hold packs of several products.
 */
export interface ItemRequest extends Omit<GroupSettings, 'productCode'> {
	itemIndex: number;
	batchSize: number;
	packs: Pack[];
	/** The settings key of its packs of this product, made once and shared by equal items. */
	key?: { productCode: string; value: string };
}

/** Why an input item cannot be sent, for the error or its error item. */
export interface ItemProblem {
	itemIndex: number;
	field: string;
	message: string;
	hint?: string;
}

/** The key of a request's settings: serials are grouped, sent and reported by it. */
export function settingsKey(settings: GroupSettings): string {
	return JSON.stringify([
		settings.productCode,
		settings.reason,
		settings.sendToMarket,
		settings.marketId,
	]);
}

/**
 * The settings key of one pack of an item: the item's own when the pack is of its product,
 * which is the same string for every item with the same settings (cheap to compare and to
 * look up, 100,000 times in a large run); otherwise made for the pack.
 */
export function packKey(request: ItemRequest, pack: Pack): string {
	const known = request.key;
	if (known && known.productCode === pack.productCode) return known.value;
	return settingsKey(packSettings(request, pack));
}

/** The settings of one pack of an item. */
export function packSettings(request: ItemRequest, pack: Pack): GroupSettings {
	return {
		productCode: pack.productCode,
		reason: request.reason,
		sendToMarket: request.sendToMarket,
		marketId: request.marketId,
	};
}
