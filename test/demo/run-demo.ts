/**
 * `npm run demo`: runs an example workflow (by default the ERP one) in n8n's engine against the
 * embedded Movilitas sandbox, with the node and credential as built into dist/, and prints one
 * line per serial. No account, no network and no n8n install needed.
 *
 *   npm run demo                                               # the ERP example
 *   npm run demo -- examples/nightly-csv-decommission.workflow.json
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { shutdownHarness } from '../harness';
import { runExample, type PackageClasses } from './run-example';

const root = resolve(__dirname, '..', '..', '..');

async function loadBuiltPackage(): Promise<PackageClasses> {
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	const node = (await import(join(root, pkg.n8n.nodes[0]))) as Pick<
		PackageClasses,
		'MovilitasDecommission'
	>;
	const credential = (await import(join(root, pkg.n8n.credentials[0]))) as Pick<
		PackageClasses,
		'MovilitasApi'
	>;
	return { ...node, ...credential };
}

function pad(text: unknown, width: number): string {
	return String(text ?? '').padEnd(width);
}

async function main(): Promise<number> {
	const workflowPath = resolve(
		process.argv[2] ?? join(root, 'examples', 'decommission-from-erp.workflow.json'),
	);
	const run = await runExample(workflowPath, await loadBuiltPackage());
	try {
		const { result, sandbox, serials, inputs } = run;
		console.log(`Movilitas sandbox at ${sandbox.url}`);
		console.log(`Workflow: ${workflowPath.replace(`${root}/`, '')}\n`);
		if (result.error) {
			console.error(`The workflow failed: ${result.error.message}`);
			if (result.error.description) console.error(result.error.description);
			return 1;
		}
		console.log(
			`${pad('source', 14)}${pad('GTIN', 16)}${pad('serial', 22)}${pad('status', 16)}result`,
		);
		for (const item of serials) {
			const pairedItem = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
			const index = typeof pairedItem === 'number' ? pairedItem : (pairedItem?.item ?? 0);
			const source = inputs[index]?.json.order ?? `item ${index}`;
			const { product_code, serial_number, status, success, error } = item.json;
			const outcome = success ? 'ok' : `FAILED${error ? `: ${String(error)}` : ''}`;
			console.log(
				`${pad(source, 14)}${pad(product_code, 16)}${pad(serial_number, 22)}${pad(status, 16)}${outcome}`,
			);
		}
		const confirmed = serials.filter((item) => item.json.success === true).length;
		console.log(
			`\n${confirmed} of ${serials.length} serials decommissioned; ${sandbox.state.decommissionCalls} decommission request(s), ${sandbox.state.authCalls} token request(s).`,
		);
		return 0;
	} finally {
		await run.sandbox.stop();
		await shutdownHarness();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
