Content-Length: 111

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"initializationOptions": {"warnings": ["all"]}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 352

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///fuzz/map.journey", "version": 1, "text": "persona ana \"Ana\" { goal \"Warm\" }\nteam care \"Care\"\njourney \"\u00dcber \ud83e\udde4\" {\n  stage s \"S\" {\n    step a \"A\" {\n      persona ana\n      owner care\n      emotion ana 1\n    }\n  }\n}\n"}}}Content-Length: 166

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///fuzz/map.journey"}, "position": {"line": 5, "character": 15}}}Content-Length: 171

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///fuzz/map.journey"}, "position": {"line": 6, "character": 12}}}Content-Length: 187

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///fuzz/map.journey"}, "position": {"line": 6, "character": 13}, "newName": "team2"}}Content-Length: 258

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///fuzz/map.journey", "version": 2}, "contentChanges": [{"range": {"start": {"line": 6, "character": 12}, "end": {"line": 6, "character": 16}}, "text": "cara"}]}}Content-Length: 247

{"jsonrpc": "2.0", "id": 5, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///fuzz/map.journey"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 20, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 133

{"jsonrpc": "2.0", "id": 6, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///fuzz/map.journey"}}}Content-Length: 144

{"jsonrpc": "2.0", "id": 7, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///fuzz/map.journey"}, "options": {}}}Content-Length: 211

{"jsonrpc": "2.0", "id": 8, "method": "textDocument/references", "params": {"textDocument": {"uri": "file:///fuzz/map.journey"}, "position": {"line": 0, "character": 9}, "context": {"includeDeclaration": true}}}Content-Length: 131

{"jsonrpc": "2.0", "id": 9, "method": "textDocument/foldingRange", "params": {"textDocument": {"uri": "file:///fuzz/map.journey"}}}Content-Length: 84

{"jsonrpc": "2.0", "id": 10, "method": "workspace/symbol", "params": {"query": "a"}}Content-Length: 69

{"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 10}}Content-Length: 50

{"jsonrpc": "2.0", "id": 11, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}