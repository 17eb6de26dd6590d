/**
 * The node alone over N input items of one serial each, in n8n-core's WorkflowExecute (the test
 * harness) against the sandbox: the smallest process to profile with `node --cpu-prof`.
 * Prints one JSON line per run: { items, dryRun, ms, cpuMs, nodeMs, requests, output }.
 *
 *   node --cpu-prof .tools/test/bench/harness-run.js 100000
 *   node .tools/test/bench/harness-run.js 100000 --dry-run --repeat 5   # the node's own cost
 */
import { performance } from 'node:perf_hooks';

import { MovilitasApi } from '../../credentials/MovilitasApi.credentials';
import { MovilitasDecommission } from '../../nodes/MovilitasDecommission/MovilitasDecommission.node';
import {
	executeWorkflow,
	HarnessCredentialsHelper,
	packageNodeType,
	type HarnessCredential,
} from '../harness';
import { DEFAULT_PRODUCT_EU, startSandbox } from '../sandbox/server';
import { benchCredential, serialsOf } from './workflows';

async function main() {
	const args = process.argv.slice(2);
	const items = Number(args[0] ?? 100_000);
	const dryRun = args.includes('--dry-run');
	const repeat = Number(args[args.indexOf('--repeat') + 1] || 1);
	const sandbox = await startSandbox({ port: 0 });
	try {
		const credential = benchCredential(sandbox);
		const helper = new HarnessCredentialsHelper({ movilitasApi: new MovilitasApi() }, [
			credential as HarnessCredential,
		]);
		const workflow = {
			nodes: [
				{
					id: '1',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0] as [number, number],
					parameters: {},
				},
				{
					id: '2',
					name: 'Measured',
					type: packageNodeType('movilitasDecommission'),
					typeVersion: 1,
					position: [200, 0] as [number, number],
					credentials: { movilitasApi: { id: credential.id, name: credential.name } },
					parameters: {
						productCode: DEFAULT_PRODUCT_EU,
						productCodeSchema: 'GTIN',
						reason: 'destroy',
						sendToMarket: false,
						marketId: '',
						serialsSource: 'field',
						serialsField: 'serial',
						serialsSeparator: 'none',
						options: { batchSize: 1000, ...(dryRun ? { dryRun: true } : {}) },
					},
				},
			],
			connections: { Start: { main: [[{ node: 'Measured', type: 'main' as const, index: 0 }]] } },
			pinData: {
				Start: serialsOf({ prefix: 'H', serials: items }).map((serial) => ({ json: { serial } })),
			},
		};
		for (let run = 0; run < repeat; run++) {
			// Each run sends the same serials: the sandbox answers them as decommissioned again.
			sandbox.state.requests.length = 0;
			const started = performance.now();
			const cpuBefore = process.cpuUsage();
			const result = await executeWorkflow({
				workflow,
				nodeTypes: { [packageNodeType('movilitasDecommission')]: new MovilitasDecommission() },
				credentialTypes: { movilitasApi: new MovilitasApi() },
				credentialsHelper: helper,
			});
			const ms = performance.now() - started;
			const cpu = process.cpuUsage(cpuBefore);
			// CPU of the whole process while the workflow ran (the sandbox too, when requests go out).
			const cpuMs = (cpu.user + cpu.system) / 1000;
			if (result.error) throw result.error;
			const nodeMs = result.run.data.resultData.runData.Measured?.[0]?.executionTime;
			const output = result.output('Measured').length;
			const requests = sandbox.state.decommissionCalls;
			console.log(JSON.stringify({ items, dryRun, ms, cpuMs, nodeMs, requests, output }));
		}
	} finally {
		await sandbox.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
