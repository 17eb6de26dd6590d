import type { Group, Plan } from './batching';
import type { ItemProblem, ItemRequest, Pack } from './requests';
import { packKey } from './requests';

function describe(request: ItemRequest): string {
	const market = request.marketId === '' ? 'no market' : `market ${request.marketId}`;
	return `reason ${request.reason}, ${market}, send to market ${request.sendToMarket}`;
}

/** The items that asked for one product and serial, by the settings key they asked with. */
type Askers = Map<string, ItemRequest[]>;

/**
 * The product and serial ids asked for by more than one group of the plan. A group holds each
 * serial once, so only a product planned in two groups or more (other reason, market or send
 * to market) can hold a contradiction: most runs have none and look at no serial here.
 */
function conflictingSerials(plan: Plan): Set<string> | undefined {
	const byProduct = new Map<string, Group[]>();
	for (const group of plan.groups) {
		const product = group.settings.productCode;
		const groups = byProduct.get(product);
		if (groups) groups.push(group);
		else byProduct.set(product, [group]);
	}
	let conflicting: Set<string> | undefined;
	for (const [productCode, groups] of byProduct) {
		if (groups.length < 2) continue;
		const firstKeys = new Map<string, string>();
		for (const group of groups) {
			for (const serial of group.serials) {
				const first = firstKeys.get(serial);
				if (first === undefined) firstKeys.set(serial, group.key);
				else if (first !== group.key)
					(conflicting ??= new Set()).add(idOf({ productCode, serial }));
			}
		}
	}
	return conflicting;
}

function idOf(pack: { productCode: string; serial: string }): string {
	return JSON.stringify([pack.productCode, pack.serial]);
}

/**
 * The same product and serial asked for with different settings (reason, market or send to
 * market) is a contradiction: Movilitas would act on whichever came first and answer the
 * other "already decommissioned". Every item that asks for such a serial is refused before
 * anything is sent, whichever settings it gave.
 */
export function findConflicts(
	requests: ReadonlyArray<ItemRequest | undefined>,
	plan: Plan,
): Map<number, ItemProblem> {
	const problems = new Map<number, ItemProblem>();
	const conflicting = conflictingSerials(plan);
	if (!conflicting) return problems;
	// Rare: only now collect, for each contradicted serial, every item that asked for it.
	const askers = new Map<string, { pack: Pack; byKey: Askers }>();
	for (const request of requests) {
		if (!request) continue;
		for (const pack of request.packs) {
			const id = idOf(pack);
			if (!conflicting.has(id)) continue;
			let entry = askers.get(id);
			if (!entry) askers.set(id, (entry = { pack, byKey: new Map() }));
			const key = packKey(request, pack);
			const items = entry.byKey.get(key) ?? [];
			if (items[items.length - 1] !== request) items.push(request);
			entry.byKey.set(key, items);
		}
	}
	for (const { pack, byKey } of askers.values()) {
		const all = [...byKey.values()].flat().sort((a, b) => a.itemIndex - b.itemIndex);
		const named = all.map((request) => `${request.itemIndex} (${describe(request)})`).join(', ');
		const text = `serial "${pack.serial}" of product ${pack.productCode} is asked for with different settings by items ${named}`;
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
