// The journey maps extension: the language client for `journey lsp`, and
// "journey: Preview map", which shows the rendered map (SVG from
// `journey render`) beside the editor and renders it again on each save.
"use strict";

const vscode = require("vscode");
const { execFile } = require("child_process");
const path = require("path");

let client = null;

function settings() {
  const c = vscode.workspace.getConfiguration("journey");
  return {
    command: c.get("path") || "journey",
    warnings: c.get("warnings") || [],
    includeDirs: c.get("includeDirs") || [],
  };
}

function startClient(context) {
  const { LanguageClient } = require("vscode-languageclient/node");
  const s = settings();
  const server = { command: s.command, args: ["lsp"] };
  client = new LanguageClient("journey", "journey maps", { run: server, debug: server }, {
    documentSelector: [{ scheme: "file", language: "journey" }, { scheme: "untitled", language: "journey" }],
    initializationOptions: { warnings: s.warnings, includeDirs: s.includeDirs },
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.journey") },
  });
  const started = client.start();
  context.subscriptions.push({ dispose: () => (client ? client.stop() : undefined) });
  return started;
}

function escapeHtml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// The SVG of a document's map, or the diagnostics that stop it being drawn.
function render(doc) {
  const s = settings();
  return new Promise((resolve) => {
    const args = ["render", "-T", "svg", "--color=never"];
    if (doc.uri.scheme === "file") args.push("--stdin-filename", doc.fileName);
    for (const d of s.includeDirs) args.push("-I", d);
    args.push("-");
    const cwd = doc.uri.scheme === "file" ? path.dirname(doc.fileName) : undefined;
    const child = execFile(s.command, args, { cwd, maxBuffer: 256 << 20 }, (err, stdout, stderr) => {
      if (err && !stdout) resolve({ ok: false, text: stderr || String(err) });
      else resolve({ ok: true, text: stdout });
    });
    child.stdin.end(doc.getText());
  });
}

function page(result, title) {
  const csp = "default-src 'none'; img-src data:; style-src 'unsafe-inline';";
  const body = result.ok
    ? `<div class="map">${result.text.replace(/^<\?xml[^>]*>/, "")}</div>`
    : `<p>The map has errors and is not drawn:</p><pre>${escapeHtml(result.text)}</pre>`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${csp}"><title>${escapeHtml(title)}</title>` +
    `<style>body{background:#fff;color:#222}.map svg{max-width:none}</style></head><body>${body}</body></html>`;
}

const previews = new Map();   // document URI -> webview panel

async function preview() {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "journey") {
    vscode.window.showInformationMessage("Open a .journey map to preview it.");
    return;
  }
  const doc = editor.document;
  const key = doc.uri.toString();
  let panel = previews.get(key);
  if (panel) {
    panel.reveal(vscode.ViewColumn.Beside);
  } else {
    panel = vscode.window.createWebviewPanel("journey.preview", "Map: " + path.basename(doc.fileName),
      vscode.ViewColumn.Beside, { enableScripts: false });
    previews.set(key, panel);
    panel.onDidDispose(() => previews.delete(key));
  }
  panel.webview.html = page(await render(doc), path.basename(doc.fileName));
}

async function refresh(doc) {
  const panel = previews.get(doc.uri.toString());
  if (panel) panel.webview.html = page(await render(doc), path.basename(doc.fileName));
}

function activate(context) {
  context.subscriptions.push(vscode.commands.registerCommand("journey.previewMap", preview));
  context.subscriptions.push(vscode.workspace.onDidSaveTextDocument(refresh));
  return startClient(context);
}

function deactivate() {
  const c = client;
  client = null;
  return c ? c.stop() : undefined;
}

module.exports = { activate, deactivate, render, page };
