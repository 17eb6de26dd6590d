import {
	DEFAULT_API_KEY,
	DEFAULT_API_SECRET,
	DEFAULT_CHANNEL_KEY,
	DEFAULT_PRODUCT_EU,
	DEFAULT_STATIC_TOKEN,
	echoMessage,
} from './server';
import { authenticate, decommission, useSandbox, validBody } from './test-helpers';

const SERIALS = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6'];

describe('sandbox faults: success false with per-serial results', () => {
	const sandbox = useSandbox({ responseOrder: 'request' });
	const statusOf = (serial: string) =>
		sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, serial);

	it('decommissions some serials, refuses the others, and lists each', async () => {
		sandbox.current.configure({ partialFailure: { next: 1, refuseShare: 0.5, httpStatus: 207 } });
		const res = await decommission(sandbox.current, validBody({ serials: SERIALS }));
		expect(res.status).toBe(207);
		expect(res.json).toMatchObject({
			success: false,
			message: 'Some serials could not be decommissioned',
		});
		const data = res.json.data as Array<{ serial_number: string; status: string }>;
		expect(data.map((d) => d.serial_number)).toEqual(SERIALS);
		const refused = data.filter((d) => d.status === 'Refused: serial is locked');
		expect(refused).toHaveLength(3);
		for (const { serial_number, status } of data) {
			expect(statusOf(serial_number)).toBe(
				status === 'Decommissioned' ? 'Decommissioned' : 'Commissioned',
			);
		}
		// The fault is used up: the refused serials go through on the next request.
		const again = await decommission(sandbox.current, validBody({ serials: SERIALS }));
		expect(again.json.success).toBe(true);
		for (const serial of SERIALS) expect(statusOf(serial)).toBe('Decommissioned');
	});

	it('lists one refused serial twice, a false Decommissioned first', async () => {
		sandbox.current.configure({
			partialFailure: { next: 1, refuseShare: 0.2, listTwice: true, refusedStatus: 'Blocked' },
		});
		const { json } = await decommission(sandbox.current, validBody({ serials: SERIALS }));
		const data = json.data as Array<{ serial_number: string; status: string }>;
		expect(data).toHaveLength(SERIALS.length + 1);
		const twice = data.find((d) => d.status === 'Blocked')!.serial_number;
		expect(data.filter((d) => d.serial_number === twice).map((d) => d.status)).toEqual([
			'Decommissioned',
			'Blocked',
		]);
		expect(statusOf(twice)).toBe('Commissioned');
	});

	it('gives one decommissioned serial a status that is not text', async () => {
		sandbox.current.configure({
			partialFailure: { next: 1, refuseShare: 0.2, nonTextStatus: true },
		});
		const { json } = await decommission(sandbox.current, validBody({ serials: SERIALS }));
		const data = json.data as Array<{ serial_number: string; status: unknown }>;
		const odd = data.filter((d) => typeof d.status !== 'string');
		expect(odd).toHaveLength(1);
		expect(statusOf(odd[0].serial_number)).toBe('Decommissioned');
	});

	it('answers a resend of serials already done as usual, never with a made-up refusal', async () => {
		await decommission(sandbox.current, validBody({ serials: SERIALS }));
		sandbox.current.configure({
			partialFailure: { next: 1 },
			alreadyDecommissionedStatus: 'Already decommissioned',
		});
		const { json } = await decommission(sandbox.current, validBody({ serials: SERIALS }));
		expect(json.success).toBe(true);
		expect(new Set(json.data.map((d: { status: string }) => d.status))).toEqual(
			new Set(['Already decommissioned']),
		);
	});
});

describe('sandbox: echoSecrets puts the secrets a request carried into its failures', () => {
	const sandbox = useSandbox({ echoSecrets: true });

	it('a refused token: the channel key straddles character 300, its last 4 characters after it', async () => {
		const res = await decommission(sandbox.current, undefined, { 'x-access-token': 'x.y.z' });
		const message = res.json.message as string;
		expect(res.status).toBe(401);
		expect(message).toMatch(/^Failed to authenticate token: invalid signature \(sandbox echo \.+/);
		const at = message.indexOf(DEFAULT_CHANNEL_KEY);
		expect(at + DEFAULT_CHANNEL_KEY.length - 4).toBe(300);
		expect(message).toContain('token=x.y.z');
	});

	it('a token the sandbox issued also echoes the API key and secret it belongs to', async () => {
		sandbox.current.configure({ fail503: { next: 1 } });
		const token = (await authenticate(sandbox.current)).json.token as string;
		const res = await decommission(sandbox.current, undefined, { 'x-access-token': token });
		expect(res.status).toBe(503);
		for (const secret of [token, DEFAULT_CHANNEL_KEY, DEFAULT_API_KEY, DEFAULT_API_SECRET]) {
			expect(res.json.message).toContain(secret);
		}
	});

	it('a refused secret at the auth call is echoed first', async () => {
		const res = await authenticate(sandbox.current, DEFAULT_API_KEY, 'wrong-secret-991');
		expect(res.status).toBe(401);
		const at = (res.json.message as string).indexOf('api_secret=wrong-secret-991');
		expect(at + 'api_secret='.length).toBeLessThan(300);
		expect(res.json.message).toContain(`api_key=${DEFAULT_API_KEY}`);
	});

	it('refused per-serial statuses and HTML pages carry them too; successes stay exact', async () => {
		sandbox.current.configure({ partialFailure: { next: 1 } });
		const { json } = await decommission(sandbox.current, validBody({ serials: SERIALS }));
		const statuses = (json.data as Array<{ status: string }>).map((d) => d.status);
		expect(statuses.filter((s) => s.includes(DEFAULT_STATIC_TOKEN))).toHaveLength(3);
		expect(statuses.filter((s) => s === 'Decommissioned')).toHaveLength(3);
		sandbox.current.configure({ serverErrors: { next: 1, html: true } });
		expect((await decommission(sandbox.current)).text).toContain(DEFAULT_STATIC_TOKEN);
		const ok = await decommission(sandbox.current, validBody({ serials: ['OK-1'] }));
		expect(ok.json).toEqual({
			success: true,
			message: 'Serials decommissioned',
			data: [{ serial_number: 'OK-1', status: 'Decommissioned' }],
		});
	});

	it('echoMessage leaves a message alone when there is nothing to echo', () => {
		expect(echoMessage('Plain', [])).toBe('Plain');
		expect(echoMessage('M', [{ label: 'channel', value: 'Z'.repeat(20) }]).indexOf('Z')).toBe(284);
	});
});
