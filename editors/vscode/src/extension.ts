// Starts `seldon-lint lsp` for the workspace.  The server models the whole
// repository (open buffers override the files on disk), so diagnostics can
// appear in files that are not open; the client only forwards documents and
// file events and shows what the server publishes.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

// The files the linter reads: YAML (values, manifests, Secrets), Terraform,
// Bicep and ARM JSON, and its own configuration.
const documentSelector = [
  { scheme: "file", language: "yaml" },
  { scheme: "file", pattern: "**/*.{yaml,yml,tf,tfvars,bicep,bicepparam,json,gotmpl}" },
];

function createClient(): LanguageClient {
  const config = vscode.workspace.getConfiguration("seldonLint");
  const command = config.get<string>("path", "seldon-lint");
  const args = ["lsp", ...config.get<string[]>("args", [])];
  const serverOptions: ServerOptions = {
    run: { command, args, transport: TransportKind.stdio },
    debug: { command, args, transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: {
      // didChangeWatchedFiles: a Secret added on disk can clear a finding elsewhere.
      fileEvents: vscode.workspace.createFileSystemWatcher(
        "**/*.{yaml,yml,tf,tfvars,bicep,bicepparam,json,gotmpl}"
      ),
    },
  };
  return new LanguageClient("seldonLint", "seldon-lint", serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createClient();
  context.subscriptions.push(
    vscode.commands.registerCommand("seldonLint.restart", async () => {
      if (client) await client.stop();
      client = createClient();
      await client.start();
    })
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
