/**
 * Hostile tests of how an answer that lists a serial more than once is read (1a3c2c7, f7d93e4):
 * directly on recordAnswer, and through the node in n8n-core's engine.
 */
import { planBatches } from '../../nodes/MovilitasDecommission/batching';
import { recordAnswer } from '../../nodes/MovilitasDecommission/answerOutcomes';
import { NOT_CONFIRMED, Outcomes } from '../../nodes/MovilitasDecommission/outcomes';
import { item as request } from '../unit/factories';

import { NODE, run, setupNock, tokens, workflow } from './hostile';
import { FIELD, movilitasLate, SECRETS, serialOf, TOKEN, type Json } from './late';

setupNock();

/** One batch of `serials` answered with `data`: the outcome of a serial, or of slot n. */
function answer(serials: string[], data: unknown[], secrets: string[] = [], success = true) {
	const plan = planBatches([request(0, serials, { batchSize: 10_000 })]);
	expect(plan.batches).toHaveLength(1);
	const outcomes = new Outcomes(plan);
	recordAnswer(outcomes, plan.batches[0], { success, data }, 1, secrets);
	const bySerial = (serial: string) => outcomes.at(serials.indexOf(serial));
	return Object.assign(bySerial, { at: (slot: number) => outcomes.at(slot) });
}

const listed = (serial: string, ...statuses: unknown[]) =>
	statuses.map((status) => ({ serial_number: serial, status }));

describe('recordAnswer: serials listed more than once', () => {
	it.each([
		[['Decommissioned', 'Decommissioned', 'Locked'], 'Unknown', '"Decommissioned" and "Locked"'],
		[
			['Locked', 'Decommissioned', 'Locked', 'Decommissioned'],
			'Unknown',
			'"Locked" and "Decommissioned"',
		],
		[['Decommissioned', 5], 'Unknown', '"Decommissioned" and 5'],
		[['Decommissioned', null], 'Unknown', '"Decommissioned" and null'],
		[['Decommissioned', 'decommissioned'], 'Unknown', '"Decommissioned" and "decommissioned"'],
		[
			['Decommissioned', 'Locked', 'Failed'],
			'Unknown',
			'"Decommissioned" and "Locked" and "Failed"',
		],
		[[null, 'Decommissioned'], 'Not confirmed', undefined],
		[[5, 'Decommissioned', 'Locked'], 'Not confirmed', undefined],
		[[undefined, 'Decommissioned'], 'Not confirmed', undefined],
		[['Decommissioned', 'Decommissioned', 'Decommissioned'], 'Decommissioned', undefined],
		[['Locked', 'Locked'], 'Locked', undefined],
	])('%j → %s', (statuses, status, named) => {
		const outcome = answer(
			['A1', 'B2'],
			[...listed('B2', 'Decommissioned'), ...listed('A1', ...statuses)],
		)('A1');
		expect(outcome?.status).toBe(status);
		expect(outcome?.success).toBe(status === 'Decommissioned');
		if (status === 'Not confirmed') expect(outcome?.message).toBe(NOT_CONFIRMED);
		if (named === undefined) {
			if (status !== 'Not confirmed') expect(outcome?.message).toBeUndefined();
			return;
		}
		// Each distinct status named once, in the order first given.
		expect(outcome?.message).toContain(`as ${named}: its state is unknown`);
	});

	it('a serial listed twice does not change what the others get, nor do serials nobody asked for', () => {
		const outcome = answer(
			['A1', 'B2', 'C3', 'D4'],
			[
				...listed('ZZ', 'Locked', 'Decommissioned'),
				...listed('A1', 'Decommissioned', 'Locked'),
				...listed('B2', 'Decommissioned'),
				...listed('b2', 'Locked'),
				...listed('C3', 'Decommissioned', 'Decommissioned'),
				...listed('B2 ', 'Locked'),
			],
		);
		expect(['A1', 'B2', 'C3', 'D4'].map((s) => outcome(s)?.status)).toEqual([
			'Unknown',
			'Decommissioned',
			'Decommissioned',
			'Not confirmed',
		]);
		// Listed once and listed again the same: one outcome object, like any other serial.
		expect(outcome('B2')).toBe(outcome('C3'));
	});

	it('statuses echoing the token, the channel key, the API key and secret are masked in the contradiction', () => {
		const outcome = answer(
			['A1', 'A2', 'A3'],
			[
				...listed('A1', 'Decommissioned', `Locked: token ${TOKEN}`),
				...listed('A2', 'Locked key-4f1a9c', 'Decommissioned'),
				...listed('A3', 'secret-7d2e8b61 refused', 'channel-Ky1SpfEX9q refused'),
			],
			SECRETS,
		);
		expect(outcome('A1')?.message).toContain('as "Decommissioned" and "Locked: token ***":');
		expect(outcome('A2')?.message).toContain('as "Locked ***" and "Decommissioned":');
		expect(outcome('A3')?.message).toContain('as "*** refused" and "*** refused":');
		const text = JSON.stringify(['A1', 'A2', 'A3'].map(outcome));
		for (const secret of SECRETS) expect(text).not.toContain(secret);
	});

	it('a status that is not text, listed after a text status, is masked in the message', () => {
		const outcome = answer(
			['A1'],
			listed('A1', 'Decommissioned', {
				reason: `token ${TOKEN} refused`,
				channel: 'channel-Ky1SpfEX9q',
			}),
			SECRETS,
		);
		expect(outcome('A1')?.status).toBe('Unknown');
		for (const secret of SECRETS) expect(outcome('A1')?.message).not.toContain(secret);
	});

	it('a second entry without a status is named as such, not as nothing', () => {
		const outcome = answer(
			['A1'],
			[{ serial_number: 'A1', status: 'Decommissioned' }, { serial_number: 'A1' }],
		);
		expect(outcome('A1')?.status).toBe('Unknown');
		expect(outcome('A1')?.message).toContain('twice, as "Decommissioned" and no status: its state');
	});

	it('a huge answer: 10,000 serials listed three times each, 100,000 not asked for', () => {
		const serials = Array.from({ length: 10_000 }, (_, i) => `H${i}`);
		const data: unknown[] = [];
		for (let round = 0; round < 3; round++)
			for (const [i, serial] of serials.entries())
				data.push({
					serial_number: serial,
					status: round === 2 && i % 100 === 0 ? 'Locked' : 'Decommissioned',
				});
		for (let i = 0; i < 100_000; i++) data.push({ serial_number: `X${i}`, status: 'Locked' });
		const outcome = answer(serials, data);
		const wrong = serials.filter(
			(_s, i) => outcome.at(i)?.status !== (i % 100 === 0 ? 'Unknown' : 'Decommissioned'),
		);
		expect(wrong).toEqual([]);
		expect(outcome('H100')?.message).toContain('3 times, as "Decommissioned" and "Locked":');
	});
	it('a serial listed 15,000 times with different statuses: the message names three and says there are more', () => {
		const data = Array.from({ length: 15_000 }, (_, i) => ({
			serial_number: 'A1',
			status: `Status number ${i}`,
		}));
		const outcome = answer(['A1', 'A2'], data);
		expect(outcome('A1')?.status).toBe('Unknown');
		expect(outcome('A2')?.status).toBe('Not confirmed');
		// Each status is cut at 300 characters, and only three are named.
		expect(outcome('A1')?.message).toContain(
			'listed this serial 15000 times, as "Status number 0" and "Status number 1" and "Status number 2" and other statuses: its state is unknown.',
		);
		expect(outcome('A1')?.message?.length).toBeLessThan(1_500);
	});
});

describe('pairing: the contradiction message through the node', () => {
	it('the token, API key and channel key echoed in contradicting statuses never reach output 0 or 1', async () => {
		tokens(TOKEN);
		movilitasLate(
			() => [
				200,
				{
					success: true,
					data: [
						...listed('A1', 'Decommissioned', `Locked: token ${TOKEN}`),
						...listed('A2', 'Locked key-4f1a9c', 'Decommissioned', 'Locked key-4f1a9c'),
						...listed('A3', 'Decommissioned', 'Decommissioned'),
					],
				},
			],
			() => 0,
			2,
		);
		const result = await run(
			workflow(FIELD, [{ serials: ['A1', 'A2'] }, { serials: ['A3', 'A1'] }], {
				onError: 'continueErrorOutput',
			}),
		);
		expect(
			result.output(NODE, 0).map((item) => [item.pairedItem, item.json.serial_number]),
		).toEqual([[1, 'A3']]);
		const out1 = result.output(NODE, 1);
		expect(
			out1.map((item) => [item.pairedItem, serialOf(item), (item.json.error as Json).status]),
		).toEqual([
			[{ item: 0 }, 'A1', 'Unknown'],
			[{ item: 0 }, 'A2', 'Unknown'],
			[{ item: 1 }, 'A1', 'Unknown'],
		]);
		expect(String(out1[1].json.message)).toContain('as "Locked ***" and "Decommissioned":');
		const text = JSON.stringify([result.output(NODE, 0), out1]);
		for (const secret of SECRETS) expect(text).not.toContain(secret);
	});

	it('an object status echoing the token is masked in the output', async () => {
		tokens(TOKEN);
		movilitasLate(
			() => [
				200,
				{ success: true, data: listed('A1', 'Decommissioned', { note: `for token ${TOKEN}` }) },
			],
			() => 0,
			1,
		);
		const result = await run(
			workflow(FIELD, [{ serials: ['A1'] }], { onError: 'continueRegularOutput' }),
		);
		expect(result.output(NODE)[0].json.status).toBe('Unknown');
		expect(JSON.stringify(result.output(NODE))).not.toContain(TOKEN);
	});
});
