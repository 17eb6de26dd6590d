import { authRequests, decommissionRequests, describeFailure } from '../checks';
import { execute, importExample, type Scenario } from '../environment';
import { log, verbose } from '../settings';
import { dynamicCredential } from '../credentials';

const WRONG_SECRET = 'wrong-secret-e2e-4711';

export const wrongSecret: Scenario = {
	name: 'Wrong API secret: the run fails with a clear error and no secret in the output',
	run: async (env) => {
		const { sandbox, checks } = env;
		const credential = dynamicCredential(sandbox, { apiSecret: WRONG_SECRET });
		const workflow = await importExample(env, 'erp', credential);
		const result = await execute(env, workflow, 'run');
		checks.ok(!result.output.includes(WRONG_SECRET), 'the wrong secret is not in the output');
		checks.ok(
			result.process.code !== 0,
			`n8n execute exits non-zero (exit ${result.process.code})`,
		);
		checks.ok(result.run, 'n8n printed the execution JSON');
		const error = result.run?.data.resultData.error;
		checks.ok(error?.message, `the execution carries an error (${describeFailure(result)})`);
		checks.equal(decommissionRequests(sandbox).length, 0, 'no decommission request was sent');
		checks.ok(authRequests(sandbox).length >= 1, 'the key and secret were tried at /v1/api_auth');
		if (verbose && error) log(`    error: ${JSON.stringify(error).slice(0, 600)}`);
	},
};
