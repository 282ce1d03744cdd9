// Lets a child process started by a test run the TypeScript sources directly (`node -r` this
// file), resolving the same path aliases as the build and Jest, without a build step.
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '../..');
const { compilerOptions } = require(path.join(root, 'tsconfig.json'));
const aliases = Object.entries(compilerOptions.paths).map(([pattern, [target]]) => ({
  prefix: pattern.replace(/\*$/, ''),
  wildcard: pattern.endsWith('*'),
  target: path.join(root, target.replace(/\*$/, '')),
}));

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  for (const alias of aliases) {
    const exact = !alias.wildcard && request === alias.prefix;
    const nested = alias.wildcard && request.startsWith(alias.prefix);
    if (exact || nested) {
      return resolve.call(this, alias.target + request.slice(alias.prefix.length), ...rest);
    }
  }
  return resolve.call(this, request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    compilerOptions: {
      ...compilerOptions,
      module: ts.ModuleKind.CommonJS,
      sourceMap: false,
      inlineSourceMap: true,
    },
    fileName: filename,
  });
  module._compile(outputText, filename);
};
