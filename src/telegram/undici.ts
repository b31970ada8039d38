/* undici's dispatchers, as the Bot API client uses them (bot-api.ts). */
export { Agent, ProxyAgent } from 'undici';
