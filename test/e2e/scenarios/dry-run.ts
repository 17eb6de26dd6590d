/** The dry-run example: every serial validated and numbered, nothing at all sent. */
import { checkItemShape, movilitasOutput } from '../checks';
import { dynamicCredential } from '../credentials';
import { executeSuccessfully, importExample, type Scenario } from '../environment';

export const dryRun: Scenario = {
	name: 'Dry run example: every serial Validated with its request number, not one request sent',
	run: async (env) => {
		const { sandbox, checks } = env;
		const before = sandbox.state.requests.length;
		const workflow = await importExample(env, 'dryRun', dynamicCredential(sandbox));
		const run = await executeSuccessfully(env, workflow, 'run');
		if (!run) return;

		const items = movilitasOutput(workflow, run);
		checkItemShape(checks, items, 'output');
		checks.equal(
			items.map((item) => [
				item.json.serial_number,
				item.json.status,
				item.json.success,
				item.json.dry_run,
				item.json.request,
			]),
			[
				['SV902P05IYI4ARW5WWHJ', 'Validated', false, true, 1],
				['DI8U86IYQI9KS4G87WGI', 'Validated', false, true, 1],
				['K3Q8ZP1M7RT2', 'Validated', false, true, 2],
				['W1NX7Q2M4K8P', 'Validated', false, true, 2],
				['B7RT2K3Q8ZP1', 'Validated', false, true, 3],
				['M4K8PW1NX7Q2', 'Validated', false, true, 3],
			],
			'each serial Validated, success false, dry_run true, with the request (batch size 2) it would go in',
		);
		checks.equal(
			sandbox.state.requests.slice(before),
			[],
			'the sandbox received nothing, not even a token request',
		);
	},
};
