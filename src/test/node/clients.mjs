// Runs one scenario of a real OpenAI client against an Armature server and prints what the client
// saw as one JSON object on stdout. Usage: node clients.mjs <scenario> <base url>.
// NodeClientsTest starts the server, runs each scenario and checks the output against what the
// server stored.
import OpenAI from 'openai';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText, tool, stepCountIs } from 'ai';
import { z } from 'zod';

const [scenario, base] = process.argv.slice(2);
const HEADER = 'X-Armature-Conversation';

function client(conversation) {
  return new OpenAI({
    baseURL: `${base}/v1`,
    apiKey: 'unused',
    maxRetries: 0,
    defaultHeaders: conversation ? { [HEADER]: conversation } : {},
  });
}

function provider(conversation) {
  return createOpenAI({
    baseURL: `${base}/v1`,
    apiKey: 'unused',
    headers: conversation ? { [HEADER]: conversation } : {},
  });
}

const first = 'Where is order 1182? This is ridiculous';
const second = 'When does it arrive';

async function chatCompletion(openai, messages) {
  const c = await openai.chat.completions.create({ model: 'support', messages });
  return { reply: c.choices[0].message.content, id: c.id, armature: c.armature };
}

async function chatStream(openai, messages) {
  const stream = await openai.chat.completions.create({ model: 'support', messages, stream: true });
  let reply = '';
  let armature;
  for await (const chunk of stream) {
    reply += chunk.choices[0]?.delta?.content ?? '';
    armature = chunk.armature ?? armature;
  }
  return { reply, armature };
}

async function responsesStream(openai, params) {
  const stream = openai.responses.stream({ model: 'support', ...params });
  let deltas = '';
  stream.on('response.output_text.delta', (e) => {
    deltas += e.delta;
  });
  const r = await stream.finalResponse();
  // finalResponse() sets no output_text unless it parses: read the message's text parts.
  const reply = r.output
    .flatMap((item) => (item.type === 'message' ? item.content : []))
    .filter((part) => part.type === 'output_text')
    .map((part) => part.text)
    .join('');
  return { reply, deltas, id: r.id, armature: r.armature };
}

// A tool the client runs itself; the rule set 'tools' declares lookup_order, offers and judges it.
const lookupOrder = ({ order_id }) => ({ order_id, status: 'shipped', carrier: 'DHL' });
const lookupSpec = {
  name: 'lookup_order',
  description: 'Looks up an order by its number.',
  parameters: {
    type: 'object',
    properties: { order_id: { type: 'string' } },
    required: ['order_id'],
  },
};
const toolQuestion = 'Where is order 1182?';

const scenarios = {
  // The openai package, chat completions with a client-side tool: the call comes back with
  // finish_reason tool_calls, the client runs it and sends the result to continue the turn.
  async 'openai-chat-client-tool'() {
    const openai = client();
    const tools = [{ type: 'function', function: lookupSpec }];
    const messages = [{ role: 'user', content: toolQuestion }];
    const one = await openai.chat.completions.create({ model: 'tools', messages, tools });
    const choice = one.choices[0];
    const call = choice.message.tool_calls[0];
    const result = lookupOrder(JSON.parse(call.function.arguments));
    messages.push(choice.message, {
      role: 'tool',
      tool_call_id: call.id,
      content: JSON.stringify(result),
    });
    const two = await openai.chat.completions.create({ model: 'tools', messages, tools });
    return [
      { finish: choice.finish_reason, call, usage: one.usage, armature: one.armature },
      { finish: two.choices[0].finish_reason, reply: two.choices[0].message.content, armature: two.armature },
    ];
  },
  // The openai package, Responses API with a client-side tool: the function_call output item is
  // run and the whole input is sent again with its function_call_output.
  async 'openai-responses-client-tool'() {
    const openai = client();
    const tools = [{ type: 'function', ...lookupSpec }];
    const input = [{ role: 'user', content: toolQuestion }];
    const one = await openai.responses.create({ model: 'tools', input, tools });
    const call = one.output.find((item) => item.type === 'function_call');
    input.push(...one.output, {
      type: 'function_call_output',
      call_id: call.call_id,
      output: JSON.stringify(lookupOrder(JSON.parse(call.arguments))),
    });
    const two = await openai.responses.create({ model: 'tools', input, tools });
    return [
      { call, armature: one.armature },
      { reply: two.output_text, armature: two.armature },
    ];
  },
  // The Vercel AI SDK's default provider (the Responses API) with a tool it runs itself.
  async 'ai-sdk-responses-client-tool'() {
    const openai = provider();
    const ran = [];
    const result = await generateText({
      model: openai('tools'),
      prompt: toolQuestion,
      maxRetries: 0,
      stopWhen: stepCountIs(3),
      tools: {
        lookup_order: tool({
          description: lookupSpec.description,
          inputSchema: z.object({ order_id: z.string() }),
          execute: async (args) => {
            ran.push(args);
            return lookupOrder(args);
          },
        }),
      },
    });
    return { reply: result.text, ran, steps: result.steps.map((step) => step.finishReason) };
  },
  // The Vercel AI SDK with chat completions and a tool it runs itself, over several steps.
  async 'ai-sdk-chat-client-tool'() {
    const openai = provider();
    const ran = [];
    const result = await generateText({
      model: openai.chat('tools'),
      prompt: toolQuestion,
      maxRetries: 0,
      stopWhen: stepCountIs(3),
      tools: {
        lookup_order: tool({
          description: lookupSpec.description,
          inputSchema: z.object({ order_id: z.string() }),
          execute: async (args) => {
            ran.push(args);
            return lookupOrder(args);
          },
        }),
      },
    });
    return { reply: result.text, ran, steps: result.steps.map((step) => step.finishReason) };
  },
  // The openai package's tool runner, streamed: it reads the calls from the stream's deltas, runs
  // the function and sends its result back until the model answers.
  async 'openai-chat-client-tool-runner'() {
    const openai = client();
    const ran = [];
    const runner = openai.chat.completions.runTools({
      model: 'tools',
      stream: true,
      messages: [{ role: 'user', content: toolQuestion }],
      tools: [
        {
          type: 'function',
          function: {
            ...lookupSpec,
            parse: JSON.parse,
            function: (args) => {
              ran.push(args);
              return lookupOrder(args);
            },
          },
        },
      ],
    });
    const reply = await runner.finalContent();
    return { reply, ran };
  },

  // The openai package, chat completions: the client keeps the history and names no conversation.
  async 'openai-chat-stateless'() {
    const openai = client();
    const one = await chatCompletion(openai, [{ role: 'user', content: first }]);
    const two = await chatCompletion(openai, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: first },
      { role: 'assistant', content: one.reply },
      { role: 'user', content: second },
    ]);
    return [one, two];
  },
  // The openai package, chat completions in a conversation Armature keeps, blocking then streamed.
  async 'openai-chat-kept'() {
    const openai = client('node-openai-chat');
    const one = await chatCompletion(openai, [{ role: 'user', content: first }]);
    const two = await chatStream(openai, [{ role: 'user', content: second }]);
    return [one, two];
  },
  async 'openai-chat-stream-stateless'() {
    return [await chatStream(client(), [{ role: 'user', content: first }])];
  },
  // The openai package, Responses API: a string input, then previous_response_id; then streamed.
  async 'openai-responses'() {
    const openai = client();
    const one = await openai.responses.create({ model: 'support', input: first });
    const two = await openai.responses.create({
      model: 'support',
      input: second,
      previous_response_id: one.id,
    });
    const three = await responsesStream(openai, { input: 'Thanks', previous_response_id: two.id });
    return [one, two].map((r) => ({ reply: r.output_text, id: r.id, armature: r.armature })).concat(three);
  },
  // The openai package, Responses API in a conversation named by the header, streamed.
  async 'openai-responses-kept'() {
    const openai = client('node-openai-responses');
    const one = await responsesStream(openai, { input: first });
    const two = await responsesStream(openai, { input: [{ role: 'user', content: second }] });
    return [one, two];
  },
  // The Vercel AI SDK's default provider, which speaks the Responses API, with the history.
  async 'ai-sdk-responses'() {
    const openai = provider();
    const one = await generateText({ model: openai('support'), prompt: first, maxRetries: 0 });
    const messages = [
      { role: 'user', content: first },
      ...one.response.messages,
      { role: 'user', content: second },
    ];
    const two = streamText({ model: openai('support'), messages, maxRetries: 0 });
    let reply = '';
    for await (const part of two.textStream) {
      reply += part;
    }
    const body = (await two.response).body;
    return [
      { reply: one.text, id: one.response.id, armature: one.response.body?.armature },
      { reply, id: (await two.response).id, armature: body?.armature },
    ];
  },
  // The Vercel AI SDK with chat completions, in a conversation Armature keeps.
  async 'ai-sdk-chat'() {
    const openai = provider('node-ai-sdk-chat');
    const one = await generateText({ model: openai.chat('support'), prompt: first, maxRetries: 0 });
    const two = streamText({ model: openai.chat('support'), prompt: second, maxRetries: 0 });
    let reply = '';
    for await (const part of two.textStream) {
      reply += part;
    }
    return [
      { reply: one.text, id: one.response.id, armature: one.response.body?.armature },
      { reply, id: (await two.response).id },
    ];
  },
};

const run = scenarios[scenario];
if (!run) {
  console.error(`unknown scenario '${scenario}'; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
try {
  console.log(JSON.stringify(await run()));
} catch (e) {
  console.error(`${scenario} failed: ${e?.message ?? e}`);
  process.exit(1);
}
