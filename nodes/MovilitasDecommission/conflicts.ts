import type { ItemProblem, ItemRequest } from './requests';
import { packKey } from './requests';

function describe(request: ItemRequest): string {
	const market = request.marketId === '' ? 'no market' : `market ${request.marketId}`;
	return `reason ${request.reason}, ${market}, send to market ${request.sendToMarket}`;
}

interface Asked {
	serial: string;
	productCode: string;
	/** The settings key of the first item that asked for it, and the items that used that key. */
	key: string;
	items: ItemRequest[];
	/** Every item that asked for it, by settings key: made only once a second key turns up. */
	byKey?: Map<string, ItemRequest[]>;
}

/**
 * The same product and serial asked for with different settings (reason, market or send to
 * market) is a contradiction: Movilitas would act on whichever came first and answer the
 * other "already decommissioned". Every item that asks for such a serial is refused before
 * anything is sent, whichever settings it gave.
 */
export function findConflicts(requests: Iterable<ItemRequest>): Map<number, ItemProblem> {
	const asked = new Map<string, Asked>();
	for (const request of requests) {
		for (const pack of request.packs) {
			const key = packKey(request, pack);
			const id = `${pack.productCode} ${pack.serial}`;
			const entry = asked.get(id);
			if (!entry) {
				asked.set(id, {
					serial: pack.serial,
					productCode: pack.productCode,
					key,
					items: [request],
				});
				continue;
			}
			if (!entry.byKey) {
				if (entry.key === key) {
					if (entry.items[entry.items.length - 1] !== request) entry.items.push(request);
					continue;
				}
				entry.byKey = new Map([[entry.key, entry.items]]);
			}
			const items = entry.byKey.get(key);
			if (!items) entry.byKey.set(key, [request]);
			else if (items[items.length - 1] !== request) items.push(request);
		}
	}
	const problems = new Map<number, ItemProblem>();
	for (const entry of asked.values()) {
		if (!entry.byKey) continue;
		const all = [...entry.byKey.values()].flat().sort((a, b) => a.itemIndex - b.itemIndex);
		const named = all.map((request) => `${request.itemIndex} (${describe(request)})`).join(', ');
		const text = `serial "${entry.serial}" of product ${entry.productCode} is asked for with different settings by items ${named}`;
		for (const request of all) {
			if (problems.has(request.itemIndex)) continue;
			problems.set(request.itemIndex, {
				itemIndex: request.itemIndex,
				field: 'Serials',
				message: `Item ${request.itemIndex}: ${text}`,
				hint: 'A serial can be decommissioned once: decide which settings apply and remove the other items.',
			});
		}
	}
	return problems;
}
