// Loads the VS Code extension (editors/vscode/extension.js) with stand-ins
// for the `vscode` module and the language client, activates it, runs
// "Preview map" on a map and saves it, and prints what the extension did
// as JSON for test_vscode.py.   node vscode_activate.js EXTENSION_DIR MAP
"use strict";
const Module = require("module");
const path = require("path");
const fs = require("fs");

const [extDir, mapPath] = process.argv.slice(2);
const seen = { commands: [], clients: [], started: 0, panels: [], html: [], watchers: [] };
let saveHandler = null;
const config = { path: process.env.JOURNEY, warnings: ["all"], includeDirs: [] };

const vscode = {
  ViewColumn: { Beside: -2 },
  workspace: {
    getConfiguration: (section) => ({ get: (k) => (section === "journey" ? config[k] : undefined) }),
    createFileSystemWatcher: (glob) => { seen.watchers.push(glob); return { dispose() {} }; },
    onDidSaveTextDocument: (fn) => { saveHandler = fn; return { dispose() {} }; },
  },
  commands: {
    registerCommand: (name, fn) => { seen.commands.push(name); vscode._commands[name] = fn; return { dispose() {} }; },
  },
  _commands: {},
  window: {
    activeTextEditor: null,
    showInformationMessage: (m) => seen.panels.push("info: " + m),
    createWebviewPanel: (type, title, column, opts) => {
      const panel = {
        webview: { set html(h) { seen.html.push(h); }, get html() { return seen.html[seen.html.length - 1]; } },
        reveal() {}, onDidDispose() {},
      };
      seen.panels.push({ type, title, column, opts });
      return panel;
    },
  },
};

class LanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    seen.clients.push({ id, name, serverOptions, clientOptions: {
      documentSelector: clientOptions.documentSelector, initializationOptions: clientOptions.initializationOptions } });
  }
  start() { seen.started++; return Promise.resolve(); }
  stop() { return Promise.resolve(); }
}

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "vscode") return vscode;
  if (request === "vscode-languageclient/node") return { LanguageClient };
  return load.apply(this, arguments);
};

(async () => {
  const ext = require(path.join(extDir, "extension.js"));
  const context = { subscriptions: [] };
  await ext.activate(context);
  let text = fs.readFileSync(mapPath, "utf8");
  const doc = {
    languageId: "journey", fileName: mapPath, uri: { scheme: "file", toString: () => "file://" + mapPath },
    getText: () => text,
  };
  vscode.window.activeTextEditor = { document: doc };
  await vscode._commands["journey.previewMap"]();
  text = text.replace(/owner [a-z]+/, "owner nobody");   // an error: the preview says so
  await saveHandler(doc);
  await ext.deactivate();
  seen.subscriptions = context.subscriptions.length;
  process.stdout.write(JSON.stringify(seen));
})().catch((e) => { console.error(e); process.exit(1); });
