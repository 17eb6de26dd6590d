import { DEFAULT_STATIC_TOKEN } from '../../sandbox/server';
import {
	authRequests,
	checkDecommissioned,
	checkItemShape,
	decommissionRequests,
	movilitasOutput,
} from '../checks';
import { executeSuccessfully, importExample, type Scenario } from '../environment';
import { staticCredential } from '../credentials';

export const staticToken: Scenario = {
	name: 'Static token: no /v1/api_auth call at all',
	run: async (env) => {
		const { sandbox, checks } = env;
		const workflow = await importExample(env, 'erp', staticCredential(sandbox));
		const run = await executeSuccessfully(env, workflow, 'run');
		if (!run) return;
		const items = movilitasOutput(workflow, run);
		checkItemShape(checks, items, 'output');
		checks.ok(
			items.length >= 2 && items.every((item) => item.json.success === true),
			`every serial succeeded (${items.length} items)`,
		);
		checkDecommissioned(checks, sandbox, items, 'sandbox');
		checks.equal(authRequests(sandbox).length, 0, 'no /v1/api_auth call');
		checks.equal(sandbox.state.tokensIssued.length, 0, 'no token issued');
		const requests = decommissionRequests(sandbox);
		checks.ok(
			requests.length >= 1 &&
				requests.every((r) => r.headers['x-access-token'] === DEFAULT_STATIC_TOKEN),
			'every request carried the static token',
		);
	},
};
