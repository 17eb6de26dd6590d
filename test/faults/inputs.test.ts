import { buildInputs, intendedItems } from './inputs';

const CSET82 = /^[0-9A-Za-z!"%&'()*+,\-./:;<=>?_]{1,20}$/;

describe('fault suite inputs', () => {
	const items = buildInputs(7, 10_000);
	const intended = intendedItems(items);

	it('are the same for the same seed and differ for another', () => {
		expect(buildInputs(7, 10_000)).toEqual(items);
		expect(buildInputs(8, 10_000)).not.toEqual(items);
	});

	it('hold at least the asked number of serials, all valid GS1 AI (21) serials', () => {
		const all = intended.flatMap((item) => item.serials);
		expect(all.length).toBeGreaterThanOrEqual(10_000);
		for (const serial of all) expect(serial).toMatch(CSET82);
	});

	it('carry the traps: text with a comma and a semicolon, repeats across and within items', () => {
		const texts = items.filter((item) => typeof item.serials === 'string');
		expect(texts.length).toBeGreaterThan(20);
		for (const item of texts) expect(item.serials).toMatch(/,.;'/);
		const arrays = items.filter((item) => Array.isArray(item.serials));
		expect(arrays.some((item) => new Set(item.serials).size < item.serials.length)).toBe(true);
		const byGroup = new Map<string, string[]>();
		for (const { settings, serials } of intended) {
			const key = JSON.stringify(settings);
			byGroup.set(key, [...(byGroup.get(key) ?? []), ...serials]);
		}
		const repeated = [...byGroup.values()].some((list) => new Set(list).size < list.length);
		expect(repeated).toBe(true);
	});

	it('mean one serial per text, and each array once per distinct serial', () => {
		const text = items.findIndex((item) => typeof item.serials === 'string');
		expect(intended[text].serials).toEqual([items[text].serials]);
		const within = items.findIndex(
			(item) => Array.isArray(item.serials) && new Set(item.serials).size < item.serials.length,
		);
		expect(intended[within].serials).toEqual([...new Set(items[within].serials)]);
	});
});
