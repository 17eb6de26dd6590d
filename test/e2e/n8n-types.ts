/**
 * What the n8n CLI takes and gives: the credential import format, workflow JSON, and the run
 * record `execute --rawOutput` prints (parsed out of the log lines around it).
 */
import { randomBytes } from 'node:crypto';

import type { RunResult } from './proc';

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	[key: string]: unknown;
}

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export interface ItemJson {
	json: Record<string, unknown>;
	pairedItem?: unknown;
	[key: string]: unknown;
}

export interface TaskData {
	executionStatus?: string;
	error?: { message?: string; description?: string; [key: string]: unknown };
	data?: { main?: Array<ItemJson[] | null> };
}

/** What `n8n execute --rawOutput` prints: the IRun of the execution. */
export interface ExecutionRun {
	status?: string;
	finished?: boolean;
	mode?: string;
	data: {
		resultData: {
			error?: { message?: string; description?: string; [key: string]: unknown };
			runData: Record<string, TaskData[]>;
			lastNodeExecuted?: string;
		};
	};
}

export interface ExecuteResult {
	/** Undefined when n8n printed no execution JSON (it failed before running the workflow). */
	run?: ExecutionRun;
	process: RunResult;
	/** stdout and stderr together, for secret scans and failure messages. */
	output: string;
}

/**
 * Finds the execution JSON in execute's output: n8n logs a few lines (task broker, runners)
 * before it, and on failure error lines after it. The JSON is printed with two-space indent,
 * so it starts with a line "{" and ends with a line "}".
 */
export function parseExecutionOutput(stdout: string): ExecutionRun | undefined {
	const lines = stdout.split(/\r?\n/);
	const starts = lines.flatMap((line, index) => (line === '{' ? [index] : []));
	const ends = lines.flatMap((line, index) => (line === '}' ? [index] : [])).reverse();
	for (const start of starts) {
		for (const end of ends) {
			if (end <= start) break;
			try {
				const parsed = JSON.parse(lines.slice(start, end + 1).join('\n')) as ExecutionRun;
				if (parsed?.data?.resultData) return parsed;
			} catch {
				// not this pair
			}
		}
	}
	return undefined;
}

/** Items a node put out on one of its outputs in its first run ([] when none). */
export function nodeOutput(run: ExecutionRun, nodeName: string, output = 0): ItemJson[] {
	const task = run.data.resultData.runData[nodeName]?.[0];
	return task?.data?.main?.[output] ?? [];
}

export function randomId(prefix: string): string {
	const id =
		prefix +
		randomBytes(12)
			.toString('base64url')
			.replace(/[^A-Za-z0-9]/g, '');
	return id.slice(0, 16).padEnd(16, '0');
}
