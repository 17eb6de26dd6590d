import { serialKey } from '../sandbox/server';
import { checkNodeOutput, checkSent, type Ledger } from './ledger';

const CODE = '09506000134352';
const key = (serial: string) => serialKey(CODE, serial);

function ledger(received: Record<string, number>, decommissioned: string[], processed: number) {
	return {
		processed,
		refused: 0,
		authCalls: 0,
		httpMs: 0,
		received: new Map(Object.entries(received).map(([serial, n]) => [key(serial), n])),
		decommissioned: new Set(decommissioned.map(key)),
	} satisfies Ledger;
}

describe('the benchmark fails on a serial lost or sent twice', () => {
	const expected = ['A1', 'A2', 'A3'];

	it('passes when every serial went out once, in ceil(serials / batch size) requests', () => {
		const sent = ledger({ A1: 1, A2: 1, A3: 1 }, expected, 2);
		expect(checkSent(sent, CODE, expected, 2, 'run')).toEqual([]);
	});

	it('names a serial sent twice, one never decommissioned, one nobody asked for', () => {
		const sent = ledger({ A1: 2, A2: 1, X9: 1 }, ['A1', 'A2'], 2);
		const problems = checkSent(sent, CODE, expected, 2, 'run');
		expect(problems).toEqual([
			`run: 1 serial(s) not decommissioned, e.g. ${key('A3')}`,
			`run: 1 serial(s) sent twice, e.g. ${key('A1')}`,
			`run: 1 unexpected serial(s), e.g. ${key('X9')}`,
		]);
	});

	it('counts requests: one more than ceil(serials / batch size) is a problem', () => {
		const sent = ledger({ A1: 1, A2: 1, A3: 1 }, expected, 3);
		expect(checkSent(sent, CODE, expected, 2, 'run')).toEqual([
			'run: 3 requests processed and 0 refused, expected 2 processed',
		]);
	});

	it('wants one successful output item per serial, none repeated or missing', () => {
		const item = (serial: string, success = true) => ({
			json: { serial_number: serial, success },
		});
		expect(checkNodeOutput([item('A1'), item('A2'), item('A3')], expected, 'run')).toEqual([]);
		expect(checkNodeOutput([item('A1'), item('A1'), item('A2', false)], expected, 'run')).toEqual([
			'run: 1 serial(s) missing from the output, e.g. A3',
			'run: 1 serial(s) twice in the output',
			'run: 1 output item(s) not successful',
		]);
	});
});
