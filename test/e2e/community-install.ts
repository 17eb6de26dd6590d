/**
 * A packed package installed the way n8n's community package installer lays it out (the layout
 * `npm run dev` copies too, see test/dev/dev-package.ts).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { runCommand, tail } from './proc';

export interface InstalledPackage {
	name: string;
	version: string;
	/** The package's folder: <nodes folder>/node_modules/<name>. */
	dir: string;
}

/**
 * Installs a packed package the way n8n's community package installer lays it out:
 * the tarball unpacked into .n8n/nodes/node_modules/<name>, its package.json stripped of
 * dev, peer and optional dependencies, `npm install` run inside it with the installer's flags
 * (so n8n-workflow and zod come from n8n, never from the package), and the package listed in
 * .n8n/nodes/package.json.
 */
export async function installCommunityPackage(
	nodesFolder: string,
	tarball: string,
	env: NodeJS.ProcessEnv,
): Promise<InstalledPackage> {
	const staging = join(nodesFolder, '.staging');
	mkdirSync(staging, { recursive: true });
	const untar = await runCommand('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1'], {
		timeoutMs: 60_000,
	});
	if (untar.code !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	const manifestPath = join(staging, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown> & {
		name: string;
		version: string;
	};
	const dir = join(nodesFolder, 'node_modules', manifest.name);
	mkdirSync(join(dir, '..'), { recursive: true });
	rmSync(dir, { recursive: true, force: true });
	const mv = await runCommand('mv', [staging, dir], { timeoutMs: 60_000 });
	if (mv.code !== 0) throw new Error(`mv failed: ${mv.stderr}`);

	const { devDependencies, peerDependencies, optionalDependencies, ...runtime } = manifest;
	void devDependencies;
	void peerDependencies;
	void optionalDependencies;
	writeFileSync(join(dir, 'package.json'), JSON.stringify(runtime, null, 2));
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const install = await runCommand(
		npm,
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: dir, env, timeoutMs: 300_000 },
	);
	if (install.code !== 0) {
		throw new Error(`npm install in ${dir} failed:\n${tail(install.stderr || install.stdout)}`);
	}

	const listPath = join(nodesFolder, 'package.json');
	const list = existsSync(listPath)
		? (JSON.parse(readFileSync(listPath, 'utf8')) as { dependencies?: Record<string, string> })
		: { name: 'installed-nodes', private: true, dependencies: {} };
	list.dependencies = { ...(list.dependencies ?? {}), [manifest.name]: manifest.version };
	writeFileSync(listPath, JSON.stringify(list, null, 2), 'utf8');
	return { name: manifest.name, version: manifest.version, dir };
}
