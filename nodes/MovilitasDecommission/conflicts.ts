import type { ItemProblem, ItemRequest } from './requests';
import { packSettings, settingsKey } from './requests';

function describe(request: ItemRequest): string {
	const market = request.marketId === '' ? 'no market' : `market ${request.marketId}`;
	return `reason ${request.reason}, ${market}, send to market ${request.sendToMarket}`;
}

/**
 * The same product and serial asked for with different settings (reason, market or send to
 * market) is a contradiction: Movilitas would act on whichever came first and answer the
 * other "already decommissioned". Both items are refused before anything is sent.
 */
export function findConflicts(requests: Iterable<ItemRequest>): Map<number, ItemProblem> {
	const firstSeen = new Map<string, { key: string; request: ItemRequest }>();
	const problems = new Map<number, ItemProblem>();
	for (const request of requests) {
		let lastProduct: string | undefined;
		let key = '';
		for (const pack of request.packs) {
			if (pack.productCode !== lastProduct) {
				key = settingsKey(packSettings(request, pack));
				lastProduct = pack.productCode;
			}
			const id = `${pack.productCode} ${pack.serial}`;
			const seen = firstSeen.get(id);
			if (!seen) {
				firstSeen.set(id, { key, request });
				continue;
			}
			if (seen.key === key || problems.has(request.itemIndex)) continue;
			const other = seen.request;
			const text = `serial "${pack.serial}" of product ${pack.productCode} is asked for by items ${other.itemIndex} (${describe(other)}) and ${request.itemIndex} (${describe(request)}) with different settings`;
			const hint =
				'A serial can be decommissioned once: decide which settings apply and remove the other item.';
			for (const itemIndex of [other.itemIndex, request.itemIndex]) {
				if (problems.has(itemIndex)) continue;
				problems.set(itemIndex, {
					itemIndex,
					field: 'Serials',
					message: `Item ${itemIndex}: ${text}`,
					hint,
				});
			}
		}
	}
	return problems;
}
