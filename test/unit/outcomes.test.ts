import type { INode } from 'n8n-workflow';

import { planBatches } from '../../nodes/MovilitasDecommission/batching';
import { recordAnswer } from '../../nodes/MovilitasDecommission/answerOutcomes';
import {
	isConfirmedStatus,
	NOT_CONFIRMED,
	Outcomes,
} from '../../nodes/MovilitasDecommission/outcomes';
import { buildOutput } from '../../nodes/MovilitasDecommission/output';
import seedAnswer from '../fixtures/seed-success-response.json';
import { item } from './factories';

function answer(serials: string[], body: unknown, attempts = 1, secrets: string[] = []) {
	const plan = planBatches([item(0, serials)]);
	const [batch] = plan.batches;
	const outcomes = new Outcomes(plan);
	recordAnswer(outcomes, batch, body, attempts, secrets);
	// One item: its n-th serial is the plan's slot n.
	return (serial: string) => outcomes.at(serials.indexOf(serial));
}

describe('recordAnswer', () => {
	it('matches the seed sample answer, listed in another order than the request', () => {
		const outcome = answer(['SV902P05IYI4ARW5WWHJ', 'DI8U86IYQI9KS4G87WGI'], seedAnswer);
		expect(outcome('SV902P05IYI4ARW5WWHJ')).toEqual({
			status: 'Decommissioned',
			success: true,
			attempts: 1,
		});
		expect(outcome('DI8U86IYQI9KS4G87WGI')?.success).toBe(true);
	});

	it('reports a serial the answer does not mention as not confirmed, never drops it', () => {
		const outcome = answer(['SV902P05IYI4ARW5WWHJ', 'MISSING1'], seedAnswer);
		expect(outcome('MISSING1')).toEqual({
			status: 'Not confirmed',
			success: false,
			attempts: 1,
			message: NOT_CONFIRMED,
		});
	});

	it('keeps a per-serial status other than Decommissioned as reported, unsuccessful', () => {
		const outcome = answer(['A1'], {
			success: true,
			data: [{ serial_number: 'A1', status: 'Not found' }],
		});
		expect(outcome('A1')).toEqual({ status: 'Not found', success: false, attempts: 1 });
	});

	it('reads a success:false answer serial by serial, with the API message as the error', () => {
		const outcome = answer(['A1', 'B2', 'C3'], {
			success: false,
			message: 'Some serials failed',
			data: [
				{ serial_number: 'A1', status: 'Decommissioned' },
				{ serial_number: 'B2', status: 'Serial not found' },
			],
		});
		expect(outcome('A1')).toMatchObject({ status: 'Decommissioned', success: true });
		expect(outcome('B2')).toMatchObject({
			status: 'Serial not found',
			success: false,
			error: 'Some serials failed',
		});
		expect(outcome('C3')).toMatchObject({ status: 'Not confirmed', success: false });
	});

	it('counts a serial listed twice with different statuses as unknown, not as done', () => {
		const outcome = answer(['A1'], {
			success: true,
			data: [
				{ serial_number: 'A1', status: 'Decommissioned' },
				{ serial_number: 'A1', status: 'Error' },
			],
		});
		expect(outcome('A1')).toMatchObject({ status: 'Unknown', success: false });
		expect(outcome('A1')?.message).toContain('"Decommissioned" and "Error"');
	});

	it('reads a serial listed again with the same status as listed once, and names each status once', () => {
		const outcome = answer(['A1', 'B2', 'C3'], {
			success: true,
			data: [
				{ serial_number: 'A1', status: 'Decommissioned' },
				{ serial_number: 'B2', status: 'Decommissioned' },
				{ serial_number: 'A1', status: 'Decommissioned' },
				{ serial_number: 'B2', status: 'Locked' },
				{ serial_number: 'B2', status: 'Decommissioned' },
				{ serial_number: 'B2', status: 'Locked' },
				{ serial_number: 'C3', status: 3 },
				{ serial_number: 'C3', status: 'Decommissioned' },
			],
		});
		expect(outcome('A1')).toMatchObject({ status: 'Decommissioned', success: true });
		expect(outcome('B2')).toMatchObject({ status: 'Unknown', success: false });
		expect(outcome('B2')?.message).toContain('as "Decommissioned" and "Locked": its state');
		// The first status it gave is not text: not confirmed, as with one entry.
		expect(outcome('C3')).toMatchObject({ status: 'Not confirmed', success: false });
	});

	it('treats a status that is not text as not confirmed', () => {
		const outcome = answer(['A1'], { success: true, data: [{ serial_number: 'A1', status: 1 }] });
		expect(outcome('A1')).toMatchObject({ status: 'Not confirmed', success: false });
	});

	it('masks a secret that Movilitas echoes in a per-serial status', () => {
		const outcome = answer(
			['A1'],
			{ success: true, data: [{ serial_number: 'A1', status: 'refused for token tok-SECRET-1' }] },
			1,
			['tok-SECRET-1'],
		);
		expect(outcome('A1')?.status).toBe('refused for token ***');
	});

	it('masks a secret inside a status that is not text, also where JSON escapes it', () => {
		const secret = 'p"assw0rd\\xyz';
		const outcome = answer(
			['A1'],
			{
				success: true,
				data: [
					{ serial_number: 'A1', status: 'Decommissioned' },
					{ serial_number: 'A1', status: { echo: secret } },
				],
			},
			1,
			[secret],
		);
		expect(outcome('A1')).toMatchObject({ status: 'Unknown', success: false });
		expect(outcome('A1')?.message).toContain('as "Decommissioned" and {"echo":"***"}');
		expect(outcome('A1')?.message).not.toContain('assw0rd');
	});

	it('treats an answer without data as confirming nothing', () => {
		expect(answer(['A1'], { success: true })('A1')?.success).toBe(false);
	});
});

describe('recordAnswer, an answer listing the serials in the order sent or in reverse', () => {
	const serials = ['A1', 'B2', 'C3', 'D4', 'E5', 'F6'];
	const entries = [
		{ serial_number: 'A1', status: 'Decommissioned' },
		{ serial_number: 'B2', status: 'Serial not found' },
		{ serial_number: 'C3', status: 7 },
		{ serial_number: 'D4', status: 'Decommissioned' },
		{ serial_number: 'E5' },
		{ serial_number: 'F6', status: 'Serial not found' },
	];
	const read = (data: unknown[], success = false) => {
		const outcome = answer(serials, { success, message: 'Some failed', data });
		return serials.map(outcome);
	};

	it('is read by position with the outcomes it gets when read serial by serial', () => {
		const inOrder = read(entries);
		// Rotated, neither in order nor reversed, the same answer is read serial by serial.
		const rotated = [...entries.slice(2), ...entries.slice(0, 2)];
		expect(inOrder).toEqual(read(rotated));
		expect(read([...entries].reverse())).toEqual(read(rotated));
		expect(inOrder.map((outcome) => outcome?.status)).toEqual([
			'Decommissioned',
			'Serial not found',
			'Not confirmed',
			'Decommissioned',
			'Not confirmed',
			'Serial not found',
		]);
		expect(inOrder[1]).toMatchObject({ success: false, error: 'Some failed' });
		expect(inOrder[0]).toEqual({ status: 'Decommissioned', success: true, attempts: 1 });
		// One outcome per status, shared by its serials.
		expect(inOrder[5]).toBe(inOrder[1]);
	});

	it('is not read by position when an entry repeats a serial in place of another', () => {
		const data = [...entries];
		data[3] = { serial_number: 'A1', status: 'Locked' };
		const outcomes = read(data, true);
		expect(outcomes[0]).toMatchObject({ status: 'Unknown', success: false });
		expect(outcomes[3]).toMatchObject({ status: 'Not confirmed', success: false });
	});

	it('is not read by position when a reversed answer repeats a serial in place of another', () => {
		const data = [...entries].reverse();
		data[0] = { serial_number: 'B2', status: 'Decommissioned' };
		const outcomes = read(data, true);
		expect(outcomes[1]).toMatchObject({ status: 'Unknown', success: false });
		expect(outcomes[5]).toMatchObject({ status: 'Not confirmed', success: false });
	});

	it('is not read by position when an entry is not a serial entry', () => {
		const data: unknown[] = [...entries];
		data[2] = 'C3';
		const outcomes = read(data, true);
		expect(outcomes[2]).toMatchObject({ status: 'Not confirmed', success: false });
		expect(outcomes[0]).toMatchObject({ status: 'Decommissioned', success: true });
	});
});

describe('isConfirmedStatus', () => {
	it.each([
		['Decommissioned', true],
		['decommissioned', true],
		['Already decommissioned', true],
		['Not decommissioned', false],
		['Commissioned', false],
		['', false],
	])('%j → %s', (status, expected) => expect(isConfirmedStatus(status)).toBe(expected));
});

describe('buildOutput', () => {
	const node = { name: 'Movilitas', parameters: {} } as unknown as INode;
	const requests = [item(0, ['B', 'A']), undefined, item(2, ['A'])];
	const problems = new Map([[1, { itemIndex: 1, field: 'Serials', message: 'Item 1: bad' }]]);
	const plan = planBatches(requests);
	const [batch] = plan.batches;
	const outcomes = new Outcomes(plan);
	outcomes.set(batch, batch.serials.indexOf('A'), {
		status: 'Decommissioned',
		success: true,
		attempts: 1,
	});
	outcomes.set(batch, batch.serials.indexOf('B'), {
		status: 'Failed',
		success: false,
		attempts: 1,
		error: 'x',
	});

	it('gives one item per (input item, serial) in input order, paired to its own item', () => {
		const output = buildOutput(node, 3, { requests, problems }, outcomes, true);
		expect(output.map((o) => [o.json.serial_number, o.pairedItem])).toEqual([
			['B', { item: 0 }],
			['A', { item: 0 }],
			[undefined, { item: 1 }],
			['A', 2],
		]);
		expect(output[0].json).toEqual({
			serial_number: 'B',
			status: 'Failed',
			success: false,
			product_code: '09506000134352',
			reason: 'destroy',
			market_id: null,
			send_to_market: false,
			attempts: 1,
			error: 'x',
		});
		expect(output[2].json).toEqual({ success: false, error: 'Item 1: bad', field: 'Serials' });
	});

	it('leaves the request settings out unless asked for: they are the same for every serial', () => {
		const output = buildOutput(node, 3, { requests, problems }, outcomes, false);
		expect(output[1].json).toEqual({
			serial_number: 'A',
			status: 'Decommissioned',
			success: true,
			product_code: '09506000134352',
			attempts: 1,
		});
	});

	it('pairs a serial by its bare index, but item 0 and error items by { item }', () => {
		const output = buildOutput(node, 3, { requests, problems }, outcomes, false);
		// Item 0's serials share one { item: 0 }: n8n's editor reads a bare 0 as no pairing.
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, 2]);
		expect(output[0].pairedItem).toBe(output[1].pairedItem);
	});

	it('pairs every item meant for the error output by { item }: n8n merges only that form', () => {
		const withErrorOutput = { ...node, onError: 'continueErrorOutput' } as INode;
		const output = buildOutput(withErrorOutput, 3, { requests, problems }, outcomes, false);
		// B failed (error output), A decommissioned (main output), item 1 invalid (error output).
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, 2]);
		expect(output[0].pairedItem).not.toBe(output[1].pairedItem);
	});

	it('shapes every item but decommissioned serials for the error output when it is on', () => {
		const withErrorOutput = { ...node, onError: 'continueErrorOutput' } as INode;
		const output = buildOutput(withErrorOutput, 3, { requests, problems }, outcomes, true);
		// n8n routes an item whose json holds only `error` and `message` to the error output.
		const record = [
			'serial_number',
			'status',
			'success',
			'product_code',
			'attempts',
			'reason',
			'market_id',
			'send_to_market',
		];
		expect(output.map((o) => Object.keys(o.json))).toEqual([
			['error', 'message'],
			record,
			['error', 'message'],
			record,
		]);
		expect(output[0].json).toEqual({
			error: expect.objectContaining({ serial_number: 'B', status: 'Failed', error: 'x' }),
			message: 'Serial B: Failed: x',
		});
		expect(output[2].json.error).toEqual({
			success: false,
			error: 'Item 1: bad',
			field: 'Serials',
		});
		expect(output.some((o) => o.error)).toBe(false);
	});
});
