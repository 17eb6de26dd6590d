import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import nock from 'nock';

import {
	API_URL,
	AUTH_URL,
	callerCredentials,
	chain,
	DUMMY_TYPE,
	DummyCaller,
	dummyApi,
} from './dummy-fixtures';
import { executeWorkflow, HarnessCredentialsHelper, shutdownHarness } from './index';

const trigger = { name: 'Start', type: 'n8n-nodes-base.manualTrigger' };
const caller = (extra = {}) => ({
	name: 'Call',
	type: DUMMY_TYPE,
	credentials: callerCredentials,
	...extra,
});
const twoItems = { Start: [{ json: { id: 'a' } }, { json: { id: 'b' } }] };
const credential = (data: Record<string, string>) => ({
	...callerCredentials.dummyApi,
	type: 'dummyApi',
	data: { secret: 's3cret', ...data },
});
const run = (workflow: ReturnType<typeof chain> | string, helper?: HarnessCredentialsHelper) =>
	executeWorkflow({
		workflow,
		nodeTypes: { [DUMMY_TYPE]: new DummyCaller() },
		credentialTypes: { dummyApi },
		credentials: helper ? undefined : [credential({})],
		credentialsHelper: helper,
	});

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
	nock.cleanAll();
});
afterAll(async () => {
	nock.enableNetConnect();
	await shutdownHarness();
});

describe('credentials', () => {
	it('fetches the token once, stores it and reuses it across items and runs', async () => {
		nock(AUTH_URL).post('/token', { secret: 's3cret' }).once().reply(200, { token: 't1' });
		nock(API_URL, { reqheaders: { authorization: 'Bearer t1' } })
			.get(/\/items\/[ab]/)
			.times(4)
			.reply(200, (uri) => ({ got: uri }));
		const helper = new HarnessCredentialsHelper({ dummyApi }, [credential({})]);

		const first = await run(chain([trigger, caller()], { pinData: twoItems }), helper);
		const second = await run(chain([trigger, caller()], { pinData: twoItems }), helper);

		expect(first.error).toBeUndefined();
		expect(second.output('Call').map((item) => item.json)).toEqual([
			{ got: '/items/a' },
			{ got: '/items/b' },
		]);
		expect(helper.updates).toEqual([
			{ id: 'cred-1', type: 'dummyApi', data: { secret: 's3cret', sessionToken: 't1' } },
		]);
		expect(helper.store.get('cred-1')?.data.sessionToken).toBe('t1');
		expect(helper.preAuthenticationCalls).toBe(4);
	});

	it('refreshes an expired token once on 401 and retries the request', async () => {
		nock(API_URL, { reqheaders: { authorization: 'Bearer stale' } })
			.get('/items/a')
			.reply(401, { message: 'expired' });
		nock(AUTH_URL).post('/token').once().reply(200, { token: 'fresh' });
		nock(API_URL, { reqheaders: { authorization: 'Bearer fresh' } })
			.get('/items/a')
			.reply(200, { ok: true });
		const helper = new HarnessCredentialsHelper({ dummyApi }, [
			credential({ sessionToken: 'stale' }),
		]);

		const result = await run(
			chain([trigger, caller()], { pinData: { Start: [{ json: { id: 'a' } }] } }),
			helper,
		);

		expect(result.error).toBeUndefined();
		expect(result.output('Call')[0].json).toEqual({ ok: true });
		expect(helper.updates.map((update) => update.data.sessionToken)).toEqual(['fresh']);
	});
});

describe('errors', () => {
	const failing = () => {
		nock(AUTH_URL).post('/token').reply(200, { token: 't' });
		nock(API_URL).get('/items/a').reply(500, { message: 'boom' });
		nock(API_URL).get('/items/b').reply(200, { ok: true });
	};

	it('fails the run and exposes the node error', async () => {
		nock(AUTH_URL).post('/token').reply(200, { token: 't' });
		nock(API_URL).get('/items/a').reply(500, { message: 'boom' });

		const result = await run(chain([trigger, caller()], { pinData: twoItems }));

		expect(result.error?.message).toMatch(/not able to process your request/i);
		expect(result.nodeError('Call')).toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		expect(result.output('Call')).toEqual([]);
		expect(result.run.status).toBe('error');
	});

	it('continueOnFail: the node reports the error as an item', async () => {
		failing();
		const result = await run(
			chain([trigger, caller({ continueOnFail: true })], { pinData: twoItems }),
		);

		expect(result.error).toBeUndefined();
		const items = result.output('Call');
		expect(items[0].json.error).toMatch(/not able to process your request/i);
		expect(items[1].json).toEqual({ ok: true });
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it("onError 'continueErrorOutput': the engine routes error items to output 1", async () => {
		failing();
		const result = await run(
			// Also checks the CUSTOM.* alias that exports from a custom-folder n8n use.
			chain([trigger, caller({ onError: 'continueErrorOutput', type: 'CUSTOM.dummyCaller' })], {
				pinData: twoItems,
			}),
		);

		expect(result.output('Call', 0).map((item) => item.json)).toEqual([{ ok: true }]);
		expect(result.output('Call', 1)[0].json.error).toMatch(/not able to process your request/i);
	});
});

describe('core node stand-ins', () => {
	const code = (jsCode: string) => ({
		name: 'Code',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: { jsCode },
	});
	const ifSuccess = {
		name: 'If',
		type: 'n8n-nodes-base.if',
		typeVersion: 2.2,
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
				conditions: [
					{
						id: 'c1',
						leftValue: '={{ $json.success }}',
						rightValue: '',
						operator: { type: 'boolean', operation: 'true', singleValue: true },
					},
				],
				combinator: 'and',
			},
			options: {},
		},
	};

	it('runs manualTrigger → code → if → noOp from a workflow file', async () => {
		const workflow = chain(
			[
				trigger,
				code("return [{json:{order:'4711', success:true}}, {order:'4712', success:false}];"),
				ifSuccess,
				{ name: 'Done', type: 'n8n-nodes-base.noOp' },
				{ name: 'Failed', type: 'n8n-nodes-base.noOp' },
			],
			{
				links: [
					['Start', 0, 'Code'],
					['Code', 0, 'If'],
					['If', 0, 'Done'],
					['If', 1, 'Failed'],
				],
			},
		);
		const dir = mkdtempSync(join(tmpdir(), 'harness-'));
		writeFileSync(join(dir, 'x.workflow.json'), JSON.stringify(workflow));

		const result = await run(join(dir, 'x.workflow.json'));
		rmSync(dir, { recursive: true });

		expect(result.error).toBeUndefined();
		expect(result.output('Start')).toEqual([{ json: {}, pairedItem: { item: 0 } }]);
		expect(result.output('Done').map((item) => item.json.order)).toEqual(['4711']);
		expect(result.output('Failed').map((item) => item.json.order)).toEqual(['4712']);
		// The engine pairs every Code output with the single input item; If keeps that pairing.
		expect(result.output('Failed')[0].pairedItem).toMatchObject({ item: 0 });
	});

	it('code sees its input and surfaces thrown errors as NodeOperationError', async () => {
		const ok = await run(
			chain([trigger, code('return $input.all().map((i) => ({ id2: i.json.id + $json.id }));')], {
				pinData: twoItems,
			}),
		);
		expect(ok.output('Code').map((item) => item.json)).toEqual([{ id2: 'aa' }, { id2: 'ba' }]);

		const failed = await run(chain([trigger, code("throw new Error('nope');")]));
		expect(failed.error?.message).toBe('nope');
		expect(failed.nodeError('Code')).toMatchObject({ name: 'NodeOperationError' });
	});
});

describe('start node', () => {
	it('is the first trigger in the node list, as with n8n execute', async () => {
		const workflow = chain(
			[
				{ name: 'Nightly', type: 'n8n-nodes-base.scheduleTrigger' },
				{ name: 'By hand', type: 'n8n-nodes-base.manualTrigger' },
				{ name: 'Pass', type: 'n8n-nodes-base.noOp' },
			],
			{
				links: [
					['Nightly', 0, 'Pass'],
					['By hand', 0, 'Pass'],
				],
			},
		);
		const result = await run(workflow);
		expect(result.error).toBeUndefined();
		expect(Object.keys(result.run.data.resultData.runData).sort()).toEqual(['Nightly', 'Pass']);
		expect(result.output('Pass')[0].json.timestamp).toEqual(expect.any(String));
	});
});
