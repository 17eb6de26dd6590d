import { parseGs1 } from './gs1';
import type { Checked } from './lib/result';
import type { Pack } from './requests';
import { describeType } from './validation';

/**
 * Reads the packs of an item's GS1 barcode data: one text or an array of texts, each the data
 * of one barcode. Each barcode gives its own product (AI 01) and serial (AI 21), and its lot
 * (AI 10) and expiry (AI 17) when it has them; a pack scanned twice is sent once.
 */
export function readBarcodes(raw: unknown, skipGtinCheckDigit: boolean): Checked<Pack[]> {
	const values = Array.isArray(raw) ? raw : [raw];
	if (values.length === 0) return { ok: false, problem: 'is empty: give at least one barcode' };
	const packs = new Map<string, Pack>();
	for (const [position, value] of values.entries()) {
		const which = Array.isArray(raw) ? ` (barcode ${position + 1})` : '';
		if (typeof value !== 'string') {
			return { ok: false, problem: `has ${describeType(value)}${which}, not GS1 barcode text` };
		}
		const read = parseGs1(value, { skipGtinCheckDigit });
		if (!read.ok) {
			return {
				ok: false,
				problem: `has the barcode ${JSON.stringify(value)}${which}, which ${read.problem} (at character ${read.position})`,
			};
		}
		const pack: Pack = { productCode: read.gtin, serial: read.serial };
		if (read.lot !== undefined) pack.lot = read.lot;
		if (read.expiry !== undefined) pack.expiry = read.expiry;
		const key = `${read.gtin} ${read.serial}`;
		if (!packs.has(key)) packs.set(key, pack);
	}
	return { ok: true, value: [...packs.values()] };
}
