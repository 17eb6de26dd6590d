import { join } from 'node:path';

import { MovilitasApi } from '../../credentials/MovilitasApi.credentials';
import { MovilitasDecommission } from '../../nodes/MovilitasDecommission/MovilitasDecommission.node';
import { runExample, type ExampleRun } from '../demo/run-example';

const classes = { MovilitasApi, MovilitasDecommission };
const example = (name: string) => join(__dirname, '..', '..', 'examples', `${name}.workflow.json`);

let run: ExampleRun | undefined;
afterEach(async () => {
	await run?.sandbox.stop();
	run = undefined;
});

describe('examples against the sandbox', () => {
	it('decommission-from-erp: one request for three orders, every serial decommissioned and paired', async () => {
		run = await runExample(example('decommission-from-erp'), classes);
		const { result, sandbox, serials } = run;

		expect(result.error).toBeUndefined();
		expect(
			serials.map((item) => [item.json.serial_number, item.json.status, item.pairedItem]),
		).toEqual([
			['SV902P05IYI4ARW5WWHJ', 'Decommissioned', { item: 0 }],
			['DI8U86IYQI9KS4G87WGI', 'Decommissioned', { item: 0 }],
			['K3Q8ZP1M7RT2', 'Decommissioned', 1],
			['W1NX7Q2M4K8P', 'Decommissioned', 2],
			['B7RT2K3Q8ZP1', 'Decommissioned', 2],
			['M4K8PW1NX7Q2', 'Decommissioned', 2],
		]);
		expect(sandbox.state.authCalls).toBe(1);
		expect(sandbox.state.decommissionCalls).toBe(1);
		expect(sandbox.state.serialStatus('09506000134352', 'K3Q8ZP1M7RT2')).toBe('Decommissioned');
		expect(sandbox.state.serialRecord('09506000134352', 'K3Q8ZP1M7RT2')?.reason).toBe('destroy');
	});

	it('nightly-csv-decommission: failures go to the error output, the rest are decommissioned', async () => {
		run = await runExample(example('nightly-csv-decommission'), classes);
		const { result, sandbox } = run;

		expect(result.error).toBeUndefined();
		expect(result.output('Decommissioned').map((item) => item.json.serial_number)).toEqual([
			'NX7Q2M4K8P1R',
			'Q2M4K8P1RNX7',
			'US-88213-A',
			'P1RNX7Q2M4K8',
		]);
		// n8n's error output: the serial's record in `error`, a summary in `message`, and the
		// fields of the CSV row it came from.
		expect(result.output('Needs attention').map((item) => item.json)).toEqual([
			{
				gtin: '04006381333931',
				serial: 'ZZ-UNKNOWN-1',
				destroyed_on: '2026-11-24',
				error: expect.objectContaining({
					serial_number: 'ZZ-UNKNOWN-1',
					status: 'Failed',
					success: false,
					error_type: 'ProductError',
				}),
				message: expect.stringMatching(/^Serial ZZ-UNKNOWN-1: Failed: Movilitas ProductError/),
			},
		]);
		expect(sandbox.state.serialStatus('04006381333931', 'ZZ-UNKNOWN-1')).toBeUndefined();
		expect(sandbox.state.serialStatus('05012345678900', 'US-88213-A')).toBe('Decommissioned');
	});

	it('send-to-market: the market and send to market reach Movilitas', async () => {
		run = await runExample(example('send-to-market'), classes);
		const { result, sandbox, serials } = run;

		expect(result.error).toBeUndefined();
		expect(serials.map((item) => item.json.success)).toEqual([true, true, true]);
		// The example turns on Include Request Settings: each item says what it was sent with.
		expect(serials.map(({ json }) => [json.reason, json.market_id, json.send_to_market])).toEqual(
			Array(3).fill(['export', 'EU', true]),
		);
		const sent = sandbox.state.requests.filter((request) => request.route === 'decommission');
		expect(sent.map((request) => request.body)).toEqual([
			{
				product_code: '09506000134352',
				product_code_schema: 'GTIN',
				reason: 'export',
				send_to_market: true,
				market_id: 'EU',
				serials: ['EXP0001A7K2M', 'EXP0002B8L3N', 'EXP0003C9M4P'],
			},
		]);
		expect(sandbox.state.serialRecord('09506000134352', 'EXP0002B8L3N')).toMatchObject({
			status: 'Decommissioned',
			reason: 'export',
			marketId: 'EU',
			sendToMarket: true,
		});
	});

	it('decommission-from-erp with a static token: no token request at all', async () => {
		run = await runExample(example('decommission-from-erp'), classes, { authentication: 'static' });
		expect(run.result.error).toBeUndefined();
		expect(run.sandbox.state.authCalls).toBe(0);
		expect(run.serials.every((item) => item.json.success === true)).toBe(true);
	});

	it('gs1-barcode-scans: packs of two products from three barcode forms, grouped per GTIN', async () => {
		run = await runExample(example('gs1-barcode-scans'), classes);
		const { result, sandbox, serials } = run;

		expect(result.error).toBeUndefined();
		expect(
			serials.map((item) => [
				item.json.product_code,
				item.json.serial_number,
				item.json.lot,
				item.json.expiry,
				item.json.status,
				item.pairedItem,
			]),
		).toEqual([
			['09506000134352', 'GS1A7K2M9Q', 'LOT42', '2027-12-31', 'Decommissioned', { item: 0 }],
			['09506000134352', 'GS1B8L3N0R', 'LOT42', '2027-12-31', 'Decommissioned', 1],
			['05012345678900', 'GS1C9M4P1S', undefined, '2028-06-30', 'Decommissioned', 2],
			['05012345678900', 'GS1D0N5Q2T', 'B7', undefined, 'Decommissioned', 2],
		]);
		const bodies = sandbox.state.requests
			.filter((request) => request.route === 'decommission')
			.map((request) => request.body as Record<string, unknown>);
		expect(bodies.map((body) => [body.product_code, body.serials])).toEqual([
			['09506000134352', ['GS1A7K2M9Q', 'GS1B8L3N0R']],
			['05012345678900', ['GS1C9M4P1S', 'GS1D0N5Q2T']],
		]);
		expect(sandbox.state.serialStatus('05012345678900', 'GS1D0N5Q2T')).toBe('Decommissioned');
	});

	it('dry-run-erp: every serial validated with its request number, nothing sent, no token call', async () => {
		run = await runExample(example('dry-run-erp'), classes);
		const { result, sandbox, serials } = run;

		expect(result.error).toBeUndefined();
		expect(
			serials.map((item) => [
				item.json.serial_number,
				item.json.status,
				item.json.success,
				item.json.dry_run,
				item.json.request,
			]),
		).toEqual([
			['SV902P05IYI4ARW5WWHJ', 'Validated', false, true, 1],
			['DI8U86IYQI9KS4G87WGI', 'Validated', false, true, 1],
			['K3Q8ZP1M7RT2', 'Validated', false, true, 2],
			['W1NX7Q2M4K8P', 'Validated', false, true, 2],
			['B7RT2K3Q8ZP1', 'Validated', false, true, 3],
			['M4K8PW1NX7Q2', 'Validated', false, true, 3],
		]);
		expect(sandbox.state.requests).toEqual([]);
		expect(sandbox.state.serialStatus('09506000134352', 'K3Q8ZP1M7RT2')).toBe('Commissioned');
	});
});
