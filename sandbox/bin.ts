#!/usr/bin/env node
// The `n8n-nodes-edr-soar-sandbox` command (`npx n8n-nodes-edr-soar-sandbox`): starts the sandbox
// and prints its URL and the Falcon and Orion credentials to give n8n.
import './cli';
