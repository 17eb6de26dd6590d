import type { SandboxOptions, SandboxProduct } from '../../sandbox/server';
import { checkDecommissioned, checkItemShape, movilitasOutput } from '../checks';
import { executeSuccessfully, importExample, type Scenario, type Shared } from '../environment';
import { nodeOutput } from '../n8n-cli';
import { dynamicCredential, ifAfterDecommission, withFailureBranch } from '../workflow-prep';

/** The serials the first scenario decommissioned; the last one is left unknown to the sandbox. */
function knownSerials(shared: Shared) {
	const serials = shared.exampleSerials ?? [];
	return { serials, missing: serials[serials.length - 1] };
}

export const failuresBranch: Scenario = {
	name: 'Failures branch: a serial Movilitas does not know comes out with success false',
	sandbox: (shared): SandboxOptions => {
		const { serials, missing } = knownSerials(shared);
		const products = new Map<string, SandboxProduct>();
		for (const entry of serials) {
			const product = products.get(entry.productCode) ?? {
				productCode: entry.productCode,
				...(entry.marketId ? { marketId: entry.marketId as SandboxProduct['marketId'] } : {}),
				serials: [],
			};
			if (entry !== missing) product.serials!.push(entry.serial);
			products.set(entry.productCode, product);
		}
		return {
			anySerialCommissioned: false,
			unknownSerial: 'status',
			products: [...products.values()],
		};
	},
	run: async (env) => {
		const { sandbox, checks, shared } = env;
		const { serials, missing } = knownSerials(shared);
		if (!checks.ok(serials.length >= 2, 'the first scenario gave the example serials')) return;
		const credential = dynamicCredential(sandbox);
		const example = withFailureBranch(shared.examples.erp.workflow);
		const workflow = await importExample(env, example, credential);
		const run = await executeSuccessfully(env, workflow, 'run');
		if (!run) return;
		const items = movilitasOutput(workflow, run);
		checkItemShape(checks, items, 'output');
		const failures = items.filter((item) => item.json.success !== true);
		checks.equal(
			failures.map((item) => item.json.serial_number),
			[missing.serial],
			'exactly the unknown serial failed',
		);
		checks.ok(
			sandbox.state.serialStatus(missing.productCode, missing.serial) !== 'Decommissioned',
			'the unknown serial is not Decommissioned in the sandbox',
		);
		checkDecommissioned(checks, sandbox, items, 'sandbox');
		const ifNode = ifAfterDecommission(workflow);
		if (checks.ok(ifNode, 'the workflow has an If node after the Movilitas node') && ifNode) {
			checks.equal(
				nodeOutput(run, ifNode, 1).map((item) => item.json.serial_number),
				[missing.serial],
				`If node "${ifNode}": the failure on the false branch`,
			);
			checks.equal(
				nodeOutput(run, ifNode, 0).length,
				items.length - 1,
				`If node "${ifNode}": the others on the true branch`,
			);
		}
	},
};
