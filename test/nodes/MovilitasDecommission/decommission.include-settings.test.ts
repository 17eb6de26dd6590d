import { acceptDecommissions, NODE, runScenario, setupNock } from './scenario';

setupNock();

const WORKFLOW = 'decommission.include-settings.workflow.json';
const item = (serial: string, reason: string, full: boolean | string) => ({
	gtin: '09506000134352',
	reason,
	serials: [serial],
	full,
});

describe('Include Request Settings', () => {
	// Off is the default (decommission.list.test.ts shows it without the option).
	it('off, each item gives its serial, product, status, success and attempts only', async () => {
		acceptDecommissions(1);

		const result = await runScenario(WORKFLOW, undefined, {
			items: [item('I1', 'destroy', false), item('I2', 'destroy', false)],
		});

		expect(result.error).toBeUndefined();
		expect(result.output(NODE).map((output) => output.json)).toEqual(
			['I1', 'I2'].map((serial) => ({
				serial_number: serial,
				status: 'Decommissioned',
				success: true,
				product_code: '09506000134352',
				attempts: 1,
			})),
		);
	});

	it('on, each item also gives the reason, market (null for None) and send to market it was sent with', async () => {
		acceptDecommissions(2);

		const result = await runScenario(WORKFLOW, undefined, {
			items: [item('I1', 'destroy', true), item('I2', 'sample', true)],
		});

		expect(result.error).toBeUndefined();
		expect(
			result
				.output(NODE)
				.map(({ json }) => [json.serial_number, json.reason, json.market_id, json.send_to_market]),
		).toEqual([
			['I1', 'destroy', null, false],
			['I2', 'sample', null, false],
		]);
	});

	it('is one choice for the whole run: items that disagree are refused before anything is sent', async () => {
		const result = await runScenario(WORKFLOW, undefined, {
			items: [item('I1', 'destroy', true), item('I2', 'destroy', false)],
		});

		expect(result.error?.message).toBe(
			'Item 1: Options → Include Request Settings is false here but true for item 0: it applies to the whole run, so every item must give the same',
		);
		// No interceptor is set up: a request would have failed the run with another error.
		expect(result.error?.description).toBe('Nothing was sent to Movilitas.');
	});

	it('refuses a value that is not true or false, naming the item and the option', async () => {
		const result = await runScenario(WORKFLOW, undefined, {
			items: [item('I1', 'destroy', 'yes')],
		});

		expect(result.error?.message).toBe(
			'Item 0: Options → Include Request Settings must be true or false (got "yes")',
		);
		// No interceptor is set up: a request would have failed the run with another error.
		expect(result.error?.description).toBe('Nothing was sent to Movilitas.');
	});
});
