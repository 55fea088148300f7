Content-Length: 5

{"a":garbage
Content-Type: x

Content-Length: 111

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"initializationOptions": {"warnings": ["all"]}}}Content-Length: 99999999999

{}