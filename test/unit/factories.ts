import type { ItemRequest } from '../../nodes/MovilitasDecommission/requests';

export const GTIN = '09506000134352';

/** An input item's request for the unit tests: one product, destroy, no market. */
export function item(
	itemIndex: number,
	serials: string[],
	patch: Partial<Omit<ItemRequest, 'packs'>> & { productCode?: string } = {},
): ItemRequest {
	const { productCode = GTIN, ...settings } = patch;
	return {
		itemIndex,
		reason: 'destroy',
		sendToMarket: false,
		marketId: '',
		batchSize: 1000,
		packs: serials.map((serial) => ({ productCode, serial })),
		...settings,
	};
}
