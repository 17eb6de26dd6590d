/**
 * Seeded input items for the fault suite: serials of GS1 character set 82 (commas, quotes and
 * the rest included), in several groups of settings, with the traps a careless node falls into.
 */
import { seededRandom } from '../sandbox/faults';
import { DEFAULT_PRODUCT_EU, DEFAULT_PRODUCT_US } from '../sandbox/server';

const CSET82 = `0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!"%&'()*+,-./:;<=>?_`;

/** The settings an item asks for (what the sandbox must see, and nothing else). */
export interface ItemSettings {
	gtin: string;
	reason: string;
	toMarket: boolean;
	market: string;
}

/** The json of one input item: `serials` is an array, or one serial as text. */
export interface FaultItem extends ItemSettings {
	serials: string[] | string;
}

/** What the user meant by an item: its settings and its distinct serials, in order. */
export interface IntendedItem {
	settings: ItemSettings;
	serials: string[];
}

const GROUPS: ItemSettings[] = [
	{ gtin: DEFAULT_PRODUCT_EU, reason: 'destroy', toMarket: false, market: 'EU' },
	{ gtin: DEFAULT_PRODUCT_EU, reason: 'sample', toMarket: true, market: 'EU' },
	{ gtin: DEFAULT_PRODUCT_US, reason: 'export', toMarket: false, market: 'US' },
	{ gtin: DEFAULT_PRODUCT_US, reason: 'destroy', toMarket: true, market: 'US' },
];

export const SERIALS_PER_ITEM = 10;

/**
 * At least `serials` serials in items of SERIALS_PER_ITEM. Every 40th item holds one serial as
 * text with a comma and a semicolon in it (one serial, never split); every 25th repeats a serial
 * of an earlier item of its group (sent once, reported for both items); every 33rd lists one of
 * its serials twice (reported once for that item).
 */
export function buildInputs(seed: number, serials: number): FaultItem[] {
	const random = seededRandom(seed);
	const char = () => CSET82[Math.floor(random() * CSET82.length)];
	let counter = 0;
	// A fixed-width base-36 prefix keeps every generated serial distinct.
	const serial = (extra = '') => {
		const prefix = (counter++).toString(36).toUpperCase().padStart(4, '0');
		const length = 8 + Math.floor(random() * 13) - extra.length;
		let text = prefix + extra;
		while (text.length < length) text += char();
		return text.slice(0, 20);
	};
	const byGroup = new Map<number, string[]>();
	const items: FaultItem[] = [];
	let total = 0;
	for (let index = 0; total < serials; index++) {
		const group = index % GROUPS.length;
		const earlier = byGroup.get(group) ?? [];
		let list: string[] | string;
		if (index % 40 === 39) {
			list = serial(`,${char()};'`);
		} else {
			list = Array.from({ length: SERIALS_PER_ITEM }, () => serial());
			if (index % 25 === 24 && earlier.length > 0) {
				list[0] = earlier[Math.floor(random() * earlier.length)];
			}
			if (index % 33 === 32) list.push(list[1]);
		}
		const given = typeof list === 'string' ? [list] : list;
		earlier.push(...given);
		byGroup.set(group, earlier);
		total += new Set(given).size;
		items.push({ ...GROUPS[group], serials: list });
	}
	return items;
}

/** What each item means under the contract: text from a field is one serial, arrays are lists. */
export function intendedItems(items: FaultItem[]): IntendedItem[] {
	return items.map(({ serials, ...settings }) => ({
		settings,
		serials: [...new Set(typeof serials === 'string' ? [serials] : serials)],
	}));
}
