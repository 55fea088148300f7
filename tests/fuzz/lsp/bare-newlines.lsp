Content-Length: 111

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"initializationOptions": {"warnings": ["all"]}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 352

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///fuzz/map.journey", "version": 1, "text": "persona ana \"Ana\" { goal \"Warm\" }\nteam care \"Care\"\njourney \"\u00dcber \ud83e\udde4\" {\n  stage s \"S\" {\n    step a \"A\" {\n      persona ana\n      owner care\n      emotion ana 1\n    }\n  }\n}\n"}}}Content-Length: 166

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///fuzz/map.journey"}, "position": {"line": 5, "character": 15}}}Content-Length: 171

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///fuzz/map.journey"}, "position": {"line": 6, "character": 12}}}Content-Length: 187

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///fuzz/map.journey"}, "position": {"line": 6, "character": 13}, "newName": "team2"}}