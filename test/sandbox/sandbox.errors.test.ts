import {
	DECOMMISSION_PATH,
	DEFAULT_PRODUCT_EU,
	ERROR_SHAPES,
	type ErrorShape,
	type Sandbox,
} from './server';
import { decommission, post, useSandbox, validBody } from './test-helpers';

/** Written out per shape rather than derived from the sandbox code, so a drift there fails. */
const EXPECTED_SHAPE: Record<ErrorShape, (type: string, message: string) => unknown> = {
	type: (type, message) => ({ success: false, type, message }),
	name: (type, message) => ({ success: false, name: type, message }),
	error: (type, message) => ({ success: false, error: type, message }),
	nested: (type, message) => ({ success: false, error: { name: type, message } }),
	message: (type, message) => ({ success: false, message: `${type}: ${message}` }),
};

describe('sandbox decommission: error types under every errorShape', () => {
	const sandbox = useSandbox();
	type Case = [string, number, string, (s: Sandbox) => ReturnType<typeof decommission>];
	const cases: Case[] = [
		[
			'NoTokenError',
			401,
			'No token provided',
			(s) => decommission(s, undefined, { 'x-access-token': '' }),
		],
		[
			'InvalidTokenError',
			401,
			'Failed to authenticate token: jwt malformed',
			(s) => decommission(s, undefined, { 'x-access-token': 'nope' }),
		],
		[
			'InvalidTokenError',
			401,
			'Failed to authenticate token: jwt expired',
			(s) => {
				s.configure({ tokenLifetimeSeconds: 0 });
				return decommission(s, undefined, { 'x-access-token': s.issueToken() });
			},
		],
		[
			'ChannelError',
			403,
			'No channel key provided',
			(s) => decommission(s, undefined, { 'x-channel-key': '' }),
		],
		[
			'ChannelError',
			403,
			'Invalid channel key',
			(s) => decommission(s, undefined, { 'x-channel-key': 'other' }),
		],
		[
			'ValidationError',
			400,
			'"reason" must be one of [destroy, sample, free_sample, check_out, lock, export]',
			(s) => decommission(s, validBody({ reason: 'x' })),
		],
		[
			'ProductError',
			404,
			'Product 09506000134369 not found',
			(s) => decommission(s, validBody({ product_code: '09506000134369' })),
		],
		[
			'ProductError',
			404,
			`Product ${DEFAULT_PRODUCT_EU} is not registered for market US`,
			(s) => decommission(s, validBody({ market_id: 'US' })),
		],
	];

	for (const shape of ERROR_SHAPES) {
		it.each(cases)(`${shape}: %s %i "%s"`, async (type, status, message, send) => {
			sandbox.current.configure({ errorShape: shape });
			const res = await send(sandbox.current);
			expect(res.status).toBe(status);
			expect(res.json).toEqual(EXPECTED_SHAPE[shape](type, message));
			expect(sandbox.current.state.serials.size).toBe(0);
		});
	}

	it('uses errorStatus overrides per type and keeps the other defaults', async () => {
		sandbox.current.configure({ errorStatus: { InvalidTokenError: 403 } });
		sandbox.current.configure({ errorStatus: { ProductError: 422 } });
		const token = await decommission(sandbox.current, undefined, { 'x-access-token': 'bad' });
		expect(token.status).toBe(403);
		expect((await decommission(sandbox.current, validBody({ product_code: '1' }))).status).toBe(
			422,
		);
		expect((await decommission(sandbox.current, undefined, { 'x-access-token': '' })).status).toBe(
			401,
		);
	});

	it('ignores the market when marketMismatch is ignore', async () => {
		sandbox.current.configure({ marketMismatch: 'ignore' });
		expect((await decommission(sandbox.current, validBody({ market_id: 'US' }))).status).toBe(200);
	});

	it('answers 404 JSON for other paths and methods', async () => {
		const get = await fetch(sandbox.current.url + DECOMMISSION_PATH);
		expect(get.status).toBe(404);
		expect(await get.json()).toEqual({
			success: false,
			error: 'NotFoundError',
			message: `Cannot GET ${DECOMMISSION_PATH}`,
		});
		const doubled = await post(`${sandbox.current.url}/${DECOMMISSION_PATH}`, validBody());
		expect(doubled.status).toBe(404);
		const headers = {
			'x-access-token': 'sandbox-static-token',
			'x-channel-key': 'sandbox-channel',
		};
		const slash = await post(
			`${sandbox.current.url}${DECOMMISSION_PATH}/?a=1`,
			validBody(),
			headers,
		);
		expect(slash.status).toBe(200);
	});
});
