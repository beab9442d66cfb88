import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';

/** Bare package names imported (statically or dynamically) by the built Node code. */
export function externalImports(dir: string): Set<string> {
  const names = new Set<string>();
  const builtins = new Set(builtinModules);
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!f.endsWith('.js')) continue;
    const code = fs.readFileSync(path.join(dir, f), 'utf8');
    const specs = [
      ...code.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']/gm), // import … from "x"
      ...code.matchAll(/^\s*import\s*["']([^"']+)["']/gm), // import "x"
      ...code.matchAll(/\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g), // import("x"), require("x")
    ].map((m) => m[1]);
    for (const spec of specs) {
      if (!/^(@[\w.-]+\/)?[\w.-][\w./-]*$/.test(spec) || spec.startsWith('.')) continue;
      if (spec.startsWith('node:') || builtins.has(spec.split('/')[0])) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  return names;
}
