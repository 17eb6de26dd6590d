/** The token n8n keeps in the credential (preAuthentication): reused, and refreshed when used up. */
import {
	authRequests,
	checkAllSucceededAgain,
	checkDecommissioned,
	checkItemShape,
	decommissionRequests,
	movilitasOutput,
	storedToken,
} from '../checks';
import { executeSuccessfully, importExample, type Env, type Scenario } from '../environment';
import type { CredentialImport, ItemJson, WorkflowJson } from '../n8n-cli';
import { dynamicCredential } from '../credentials';

/**
 * Imports the ERP example with batch size 1 (one request per serial) and a dynamic-token
 * credential, and runs it once: the Movilitas node's items, or undefined when the run failed.
 */
async function firstRun(
	env: Env,
): Promise<
	{ credential: CredentialImport; workflow: WorkflowJson; items: ItemJson[] } | undefined
> {
	const credential = dynamicCredential(env.sandbox);
	const workflow = await importExample(env, 'erp', credential, { batchSize: 1 });
	const run = await executeSuccessfully(env, workflow, 'run 1');
	return run && { credential, workflow, items: movilitasOutput(workflow, run) };
}

export const tokenReuse: Scenario = {
	name: 'Token stored by n8n: several requests in one run and a second run reuse one token',
	run: async (env) => {
		const { sandbox, n8n, checks } = env;
		const first = await firstRun(env);
		if (!first) return;
		const { credential, workflow, items } = first;
		const requests = decommissionRequests(sandbox);
		checks.ok(
			requests.length >= 2 && requests.length === items.length,
			`run 1: batch size 1 gave one request per serial (${requests.length} requests, ${items.length} serials)`,
		);
		checks.equal(authRequests(sandbox).length, 1, 'run 1: one /v1/api_auth call for all requests');
		const token = sandbox.state.tokensIssued[0];
		checks.ok(token, 'run 1: the sandbox issued a token');
		checks.equal(
			await storedToken(checks, n8n, credential, 'run 1'),
			token,
			'run 1: n8n stored the issued token in the credential',
		);

		const mark = sandbox.state.requests.length;
		const second = await executeSuccessfully(env, workflow, 'run 2');
		if (!second) return;
		checks.equal(
			authRequests(sandbox, mark).length,
			0,
			'run 2: no /v1/api_auth call (stored token reused)',
		);
		const again = decommissionRequests(sandbox, mark);
		checks.ok(
			again.length >= 1 && again.every((r) => r.headers['x-access-token'] === token),
			'run 2: every request carried the token stored in run 1',
		);
		checkAllSucceededAgain(
			checks,
			movilitasOutput(workflow, second),
			items.length,
			'run 2: already decommissioned serials still count as successful',
		);
	},
};

export const tokenRefresh: Scenario = {
	name: 'Token refresh by n8n: a token used up mid-run and between runs is replaced and stored',
	sandbox: { expireTokenAfterRequests: 1 },
	run: async (env) => {
		const { sandbox, n8n, checks } = env;
		const first = await firstRun(env);
		if (!first) return;
		const { credential, workflow, items } = first;
		checkItemShape(checks, items, 'run 1');
		checks.equal(
			items.filter((item) => item.json.success !== true).map((item) => item.json),
			[],
			'run 1: every serial succeeded despite tokens expiring after one request',
		);
		checkDecommissioned(checks, sandbox, items, 'run 1');
		const issued = sandbox.state.tokensIssued;
		checks.ok(
			issued.length >= 2 && issued.length === items.length,
			`run 1: a new token for each request (${issued.length} tokens, ${items.length} serials)`,
		);
		const refused = decommissionRequests(sandbox).filter((r) => r.status === 401);
		checks.equal(
			refused.length,
			items.length - 1,
			'run 1: each used-up token was refused once (401)',
		);
		checks.equal(new Set(issued).size, issued.length, 'run 1: every issued token is new');
		const stored = await storedToken(checks, n8n, credential, 'run 1');
		checks.equal(stored, issued[issued.length - 1], 'run 1: n8n stored the newest token');

		const mark = sandbox.state.requests.length;
		const issuedBefore = issued.length;
		const second = await executeSuccessfully(env, workflow, 'run 2');
		if (!second) return;
		const again = decommissionRequests(sandbox, mark);
		checks.ok(
			stored !== undefined && again[0]?.headers['x-access-token'] === stored,
			'run 2: the first request carried the token stored by run 1',
		);
		checks.equal(again[0]?.status, 401, 'run 2: that used-up token was refused');
		checks.ok(
			sandbox.state.tokensIssued.length > issuedBefore,
			'run 2: n8n fetched a new token after the refusal',
		);
		checkAllSucceededAgain(
			checks,
			movilitasOutput(workflow, second),
			items.length,
			'run 2: every serial succeeded',
		);
		const latest = sandbox.state.tokensIssued[sandbox.state.tokensIssued.length - 1];
		checks.equal(
			await storedToken(checks, n8n, credential, 'run 2'),
			latest,
			'run 2: n8n stored the newest token',
		);
	},
};
