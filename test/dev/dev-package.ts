/**
 * The package as n8n's community package installer lays it out, in a dev user folder:
 * <user folder>/.n8n/nodes/node_modules/n8n-nodes-movilitas with the package.json (without dev
 * and peer dependencies) and a copy of dist/, listed in .n8n/nodes/package.json. n8n loads every
 * n8n-nodes-* folder there at start-up, under the package's real node type names.
 *
 * dist/ is copied, not linked: Node resolves a linked file from its real path, where the clone's
 * node_modules would hand the node its own n8n-workflow and zod instead of n8n's (a second
 * n8n-workflow breaks n8n's `instanceof NodeApiError` checks).
 */
import {
	cpSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';

export interface Manifest {
	name: string;
	version: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
	[key: string]: unknown;
}

export function readManifest(repoRoot: string): Manifest {
	return JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
}

/** The files package.json's "n8n" section names: n8n needs all of them. */
export function builtEntryPoints(repoRoot: string): string[] {
	const manifest = readManifest(repoRoot);
	return [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
}

export function packageFolder(userFolder: string, name: string): string {
	return join(userFolder, '.n8n', 'nodes', 'node_modules', name);
}

/** Copies dist/ and the stripped package.json into the dev user folder's community packages. */
export function syncPackage(repoRoot: string, userFolder: string): string {
	const manifest = readManifest(repoRoot);
	const target = packageFolder(userFolder, manifest.name);
	mkdirSync(target, { recursive: true });
	rmSync(join(target, 'dist'), { recursive: true, force: true });
	cpSync(join(repoRoot, 'dist'), join(target, 'dist'), { recursive: true });
	const { devDependencies, peerDependencies, scripts, ...runtime } = manifest;
	void devDependencies;
	void peerDependencies;
	void scripts;
	writeFileSync(join(target, 'package.json'), JSON.stringify(runtime, null, 2));

	const listPath = join(userFolder, '.n8n', 'nodes', 'package.json');
	const list = existsSync(listPath)
		? (JSON.parse(readFileSync(listPath, 'utf8')) as { dependencies?: Record<string, string> })
		: { name: 'installed-nodes', private: true, dependencies: {} };
	list.dependencies = { ...(list.dependencies ?? {}), [manifest.name]: manifest.version };
	writeFileSync(listPath, JSON.stringify(list, null, 2));
	return target;
}

/**
 * A fingerprint of a folder's files (path, size, modification time): it changes whenever tsc or
 * the icon copy writes, and polling it survives dist/ being deleted and recreated.
 */
export function fingerprint(dir: string): string {
	if (!existsSync(dir)) return '';
	const entries: string[] = [];
	const walk = (current: string) => {
		for (const entry of readdirSync(current, { withFileTypes: true })) {
			const path = join(current, entry.name);
			if (entry.isDirectory()) walk(path);
			else {
				try {
					const stat = statSync(path);
					entries.push(`${relative(dir, path)}:${stat.size}:${stat.mtimeMs}`);
				} catch {
					// deleted while walking: the next poll sees the result
				}
			}
		}
	};
	walk(dir);
	return entries.sort().join('\n');
}
