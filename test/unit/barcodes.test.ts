import { readBarcodes } from '../../nodes/MovilitasDecommission/barcodes';

const GS = '\u001d';

describe('readBarcodes', () => {
	it('reads the product, serial, lot and expiry of each form, and sends a pack scanned twice once', () => {
		const read = readBarcodes(
			[
				'(01)09506000134352(17)271231(10)LOT42(21)ABC123',
				`]d20109506000134352` + `21XYZ9${GS}10LOT1`,
				'https://id.gs1.org/01/05012345678900/21/Q%2F7?17=271231',
				'(01)09506000134352(21)ABC123(17)271231(10)LOT42',
			],
			false,
		);
		expect(read).toEqual({
			ok: true,
			value: [
				{ productCode: '09506000134352', serial: 'ABC123', lot: 'LOT42', expiry: '2027-12-31' },
				{ productCode: '09506000134352', serial: 'XYZ9', lot: 'LOT1' },
				{ productCode: '05012345678900', serial: 'Q/7', expiry: '2027-12-31' },
			],
		});
	});

	it('takes one text as one barcode', () => {
		const read = readBarcodes('(01)09506000134352(21)S1', false);
		expect(read.ok && read.value).toEqual([{ productCode: '09506000134352', serial: 'S1' }]);
	});

	it.each([
		['a missing serial', '(01)09506000134352(10)L1', 'without the serial'],
		['a bad check digit', '(01)09506000134353(21)S1', 'check digit'],
		['an unknown AI', '(01)09506000134352(21)S1(23)X', 'unknown AI'],
	])('refuses %s, naming the value and the character position', (_, value, problem) => {
		const read = readBarcodes(['(01)09506000134352(21)OK1', value], false);
		expect(read.ok).toBe(false);
		if (!read.ok) {
			expect(read.problem).toContain(`has the barcode ${JSON.stringify(value)} (barcode 2)`);
			expect(read.problem).toContain(problem);
			expect(read.problem).toMatch(/at character \d+\)$/);
		}
	});

	it('refuses a number, an empty array and lets a test GTIN through only when told', () => {
		expect(readBarcodes([12], false)).toMatchObject({ ok: false });
		expect(readBarcodes([], false)).toMatchObject({
			ok: false,
			problem: expect.stringContaining('is empty'),
		});
		expect(readBarcodes('(01)01234567891234(21)S1', false).ok).toBe(false);
		expect(readBarcodes('(01)01234567891234(21)S1', true).ok).toBe(true);
	});
});
