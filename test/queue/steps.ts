/**
 * Steps of the queue-mode run through n8n's CLI and its webhook. The CLI's output is collected
 * (by command) for the secret scan.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { tail } from '../e2e/proc';
import type { CredentialImport, N8nInstance, WorkflowJson } from '../e2e/n8n-cli';
import { HOST, PORTS, WEBHOOK_PATH } from './settings';

function inputFile(n8n: N8nInstance, name: string, data?: unknown): string {
	const dir = join(n8n.userFolder, 'inputs');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${name}-${randomBytes(4).toString('hex')}.json`);
	if (data !== undefined) writeFileSync(file, JSON.stringify(data), { mode: 0o600 });
	return file;
}

async function cli(
	n8n: N8nInstance,
	args: string[],
	expect: string,
	outputs: Record<string, string>,
): Promise<void> {
	const result = await n8n.cli(args);
	const output = `${result.stdout}\n${result.stderr}`;
	outputs[`n8n ${args[0]}`] = output;
	// publish:workflow logs its errors and still exits 0: the expected line is what counts.
	if (result.code !== 0 || !output.includes(expect) || output.includes('GOT ERROR')) {
		throw new Error(`n8n ${args[0]} failed (exit ${result.code}):\n${tail(output)}`);
	}
}

/**
 * Imports the credential (n8n encrypts it) and the workflow, and publishes the workflow: n8n 2.x
 * imports every workflow unpublished, and main registers the webhooks of published workflows
 * when it starts, so this happens before main starts.
 */
export async function importAndPublish(
	n8n: N8nInstance,
	credential: CredentialImport,
	workflow: WorkflowJson,
	outputs: Record<string, string>,
): Promise<void> {
	const credentials = inputFile(n8n, 'credentials', [credential]);
	await cli(
		n8n,
		['import:credentials', `--input=${credentials}`],
		'Successfully imported 1 credential',
		outputs,
	);
	rmSync(credentials, { force: true });
	const workflowFile = inputFile(n8n, 'workflow', workflow);
	await cli(
		n8n,
		['import:workflow', `--input=${workflowFile}`],
		'Successfully imported 1 workflow',
		outputs,
	);
	await cli(n8n, ['publish:workflow', `--id=${workflow.id}`], 'Publishing workflow', outputs);
}

/** The hidden accessToken of the credential as n8n holds it now (export:credentials --decrypted). */
export async function exportCredential(
	n8n: N8nInstance,
	id: string,
	outputs: Record<string, string>,
): Promise<unknown> {
	const file = inputFile(n8n, 'export');
	await cli(
		n8n,
		['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`],
		'Successfully exported',
		outputs,
	);
	if (!existsSync(file)) throw new Error('export:credentials wrote no file');
	const exported = JSON.parse(readFileSync(file, 'utf8')) as CredentialImport[] | CredentialImport;
	rmSync(file, { force: true });
	const credential = Array.isArray(exported) ? exported[0] : exported;
	return credential?.data?.accessToken;
}

/** Posts each call's serials to the production webhook, all at once; the HTTP statuses. */
export async function fireWebhooks(calls: string[][]): Promise<number[]> {
	const url = `http://${HOST}:${PORTS.main}/webhook/${WEBHOOK_PATH}`;
	return await Promise.all(
		calls.map(async (serials) => {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ serials }),
			});
			await response.arrayBuffer();
			return response.status;
		}),
	);
}
