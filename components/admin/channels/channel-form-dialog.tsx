"use client";

import { useState, type FormEvent } from "react";
import { fieldErrors, parseNumberInput, splitList, type FieldErrors } from "@/components/forms/form-state";
import { useDialogForm } from "@/components/forms/use-dialog-form";
import { ModelMappingEditor, type MappingRow } from "@/components/admin/channels/model-mapping-editor";
import { CHANNEL_TYPE_LABEL, type ChannelType } from "@/components/admin/channels/channel-types";
import type { ChannelRow } from "@/components/admin/channels/types";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { callApi } from "@/lib/api-client";
import { CHANNEL_TYPES, channelCreateSchema, channelUpdateSchema } from "@/lib/validation/channels";

const FIELDS = ["name", "type", "baseUrl", "apiKey", "apiKeys", "apiVersion", "headers", "models", "modelMapping", "groups", "priority", "weight", "status"] as const;

/** What each type is called, and the placeholders and hints that show what its fields take. */
const TYPES: Record<ChannelType, { label: string; baseUrl: string; baseHint: string; key: string }> = {
  openai: {
    label: CHANNEL_TYPE_LABEL.openai,
    baseUrl: "https://api.openai.com/v1",
    baseHint: "Up to and including /v1, e.g. https://api.openai.com/v1",
    key: "sk-…",
  },
  azure: {
    label: CHANNEL_TYPE_LABEL.azure,
    baseUrl: "https://my-resource.openai.azure.com",
    baseHint: "The resource endpoint; the key goes in the api-key header.",
    key: "Azure OpenAI key",
  },
  anthropic: {
    label: CHANNEL_TYPE_LABEL.anthropic,
    baseUrl: "https://api.anthropic.com/v1",
    baseHint: "Up to and including /v1; the key goes in x-api-key.",
    key: "sk-ant-…",
  },
  gemini: {
    label: CHANNEL_TYPE_LABEL.gemini,
    baseUrl: "https://generativelanguage.googleapis.com/v1beta",
    baseHint: "Up to and including /v1beta; the key goes in x-goog-api-key.",
    key: "AIza…",
  },
};

const ANTHROPIC_HEADERS = ["anthropic-version", "anthropic-beta"];

/** `Name: value` lines as a header object (lines without a colon are kept whole, for the schema to refuse). */
function parseHeaderLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const at = line.indexOf(":");
    if (at === -1) out[line.trim()] = "";
    else out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

type TextField = "name" | "baseUrl" | "apiKey" | "models" | "priority" | "weight" | "apiVersion" | "anthropicVersion" | "anthropicBeta" | "extraHeaders";

/** The API field whose error a text input shows. */
const FIELD_OF: Record<TextField, (typeof FIELDS)[number]> = {
  name: "name",
  baseUrl: "baseUrl",
  apiKey: "apiKey",
  models: "models",
  priority: "priority",
  weight: "weight",
  apiVersion: "apiVersion",
  anthropicVersion: "headers",
  anthropicBeta: "headers",
  extraHeaders: "headers",
};

type Props = {
  open: boolean;
  onClose: () => void;
  /** The channel to edit; absent = create a new one. */
  channel?: ChannelRow;
  groups: string[];
  /** Model names of the pricing catalog, offered as suggestions. */
  catalog: string[];
};

/** Creates or edits an upstream channel; the key is write-only (blank on edit keeps the stored one). */
export function ChannelFormDialog(props: Props) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title={props.channel ? `Edit channel “${props.channel.name}”` : "New channel"}
      description="An upstream (OpenAI-compatible, Azure OpenAI, Anthropic or Gemini) and the models and groups it serves."
      className="max-w-2xl"
      testId="channel-dialog"
    >
      <ChannelForm {...props} />
    </Dialog>
  );
}

/** The key fields of the body: one key as `apiKey`, several (one per line) as `apiKeys`; blank on edit keeps the stored keys. */
function keyFields(text: string, required: boolean): { apiKey?: string; apiKeys?: string[] } {
  const keys = text.split(/\s+/).filter(Boolean);
  if (keys.length > 1) return { apiKeys: keys };
  return keys.length || required ? { apiKey: keys[0] ?? "" } : {};
}

function ChannelForm({ onClose, channel, groups, catalog }: Props) {
  const [name, setName] = useState(channel?.name ?? "");
  const [type, setType] = useState<ChannelType>((CHANNEL_TYPES as readonly string[]).includes(channel?.type ?? "") ? (channel!.type as ChannelType) : "openai");
  const [apiVersion, setApiVersion] = useState(channel?.apiVersion ?? "");
  const stored = channel?.headers ?? {};
  const [anthropicVersion, setAnthropicVersion] = useState(stored["anthropic-version"] ?? "");
  const [anthropicBeta, setAnthropicBeta] = useState(stored["anthropic-beta"] ?? "");
  const [extraHeaders, setExtraHeaders] = useState(
    Object.entries(stored)
      .filter(([k]) => !ANTHROPIC_HEADERS.includes(k.toLowerCase()))
      .map(([k, v]) => `${k}: ${v}`)
      .join("\n"),
  );
  const [baseUrl, setBaseUrl] = useState(channel?.baseUrl ?? "");
  const shape = TYPES[type];
  const [apiKey, setApiKey] = useState("");
  const [models, setModels] = useState((channel?.models ?? []).join("\n"));
  const [mapping, setMapping] = useState<MappingRow[]>(
    Object.entries(channel?.modelMapping ?? {}).map(([from, to]) => ({ from, to })),
  );
  const [chosenGroups, setChosenGroups] = useState<string[]>(channel?.groups ?? (groups.includes("default") ? ["default"] : []));
  const [priority, setPriority] = useState(String(channel?.priority ?? 0));
  const [weight, setWeight] = useState(String(channel?.weight ?? 1));
  const [enabled, setEnabled] = useState(true);
  const { errors, setErrors, formError, setFormError, saving, id, recheck, save } = useDialogForm<ChannelRow>({ onClose });

  const listed = new Set(splitList(models));
  const suggestions = catalog.filter((m) => !listed.has(m)).slice(0, 12);

  /** The API body from the inputs (`over` replaces some of them: the values of the change being made). */
  function check(over: Partial<Record<TextField, string>> = {}) {
    const cur = { name, baseUrl, apiKey, models, priority, weight, apiVersion, anthropicVersion, anthropicBeta, extraHeaders, ...over };
    const headers = parseHeaderLines(cur.extraHeaders);
    if (type === "anthropic") {
      if (cur.anthropicVersion.trim()) headers["anthropic-version"] = cur.anthropicVersion.trim();
      if (cur.anthropicBeta.trim()) headers["anthropic-beta"] = cur.anthropicBeta.trim();
    }
    const raw = {
      name: cur.name,
      type,
      // Only Azure has an api-version; blank picks its /openai/v1 form.
      apiVersion: type === "azure" && cur.apiVersion.trim() ? cur.apiVersion.trim() : null,
      headers,
      baseUrl: cur.baseUrl,
      ...keyFields(cur.apiKey, !channel),
      models: splitList(cur.models),
      modelMapping: Object.fromEntries(mapping.filter((r) => r.from.trim() || r.to.trim()).map((r) => [r.from.trim(), r.to.trim()])),
      groups: chosenGroups,
      priority: parseNumberInput(cur.priority) ?? 0,
      weight: parseNumberInput(cur.weight) ?? 1,
      ...(channel ? {} : { status: enabled ? ("active" as const) : ("disabled" as const) }),
    };
    const parsed = (channel ? channelUpdateSchema : channelCreateSchema).safeParse(raw);
    if (!parsed.success) return { ok: false as const, errors: fieldErrors(parsed.error) };
    const unknown = parsed.data.models ? Object.keys(parsed.data.modelMapping ?? {}).filter((m) => !parsed.data.models!.includes(m)) : [];
    if (unknown.length) return { ok: false as const, errors: { modelMapping: `Map only models this channel lists (not ${unknown.join(", ")})` } as FieldErrors };
    return { ok: true as const, body: parsed.data };
  }
  /** A text input's change handler: stores the value and rechecks the field's shown error. */
  const change = (field: TextField, setter: (s: string) => void) => (e: { target: { value: string } }) => {
    setter(e.target.value);
    recheck(field, () => {
      const r = check({ [field]: e.target.value });
      return r.ok ? {} : r.errors;
    });
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const checked = check();
    if (!checked.ok) return setErrors(checked.errors);
    await save(
      () =>
        channel
          ? callApi<ChannelRow>("PATCH", `/api/admin/channels/${channel.id}`, checked.body)
          : callApi<ChannelRow>("POST", "/api/admin/channels", checked.body),
      FIELDS,
      (saved) => (channel ? `Channel “${saved.name}” saved.` : `Channel “${saved.name}” created.`),
    );
  }

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onClose}
      label={channel ? "Edit channel" : "New channel"}
      error={formError}
      errorTitle="Not saved"
      saving={saving}
      submitLabel={channel ? "Save channel" : "Create channel"}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={id("name")} label="Name" error={errors.name}>
          <Input id={id("name")} value={name} onChange={change("name", setName)} autoFocus />
        </FormField>
        <FormField id={id("type")} label="Type" error={errors.type}>
          <Select id={id("type")} value={type} onChange={(e) => setType(e.target.value as ChannelType)}>
            {CHANNEL_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPES[t].label}
              </option>
            ))}
          </Select>
        </FormField>
      </div>
      <FormField id={id("baseUrl")} label="Base URL" error={errors.baseUrl} hint={shape.baseHint}>
        <Input id={id("baseUrl")} value={baseUrl} onChange={change("baseUrl", setBaseUrl)} placeholder={shape.baseUrl} inputMode="url" />
      </FormField>
      {type === "azure" ? (
        <FormField
          id={id("apiVersion")}
          label="API version"
          error={errors.apiVersion}
          hint="Set: the deployment form …/openai/deployments/{model}/chat/completions?api-version=…, the (mapped) model naming the deployment. Blank: the version-less /openai/v1 form."
        >
          <Input id={id("apiVersion")} value={apiVersion} onChange={change("apiVersion", setApiVersion)} placeholder="2025-04-01-preview" spellCheck={false} />
        </FormField>
      ) : null}
      {type === "anthropic" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField id={id("anthropicVersion")} label="anthropic-version" error={errors.headers} hint="Blank: the client's, else 2023-06-01.">
            <Input id={id("anthropicVersion")} value={anthropicVersion} onChange={change("anthropicVersion", setAnthropicVersion)} placeholder="2023-06-01" spellCheck={false} />
          </FormField>
          <FormField id={id("anthropicBeta")} label="anthropic-beta" hint="Comma-separated; added to the client's betas.">
            <Input
              id={id("anthropicBeta")}
              value={anthropicBeta}
              onChange={change("anthropicBeta", setAnthropicBeta)}
              placeholder="context-1m-2025-08-07"
              spellCheck={false}
            />
          </FormField>
        </div>
      ) : null}
      <FormField
        id={id("apiKey")}
        label="API keys"
        error={errors.apiKey ?? errors.apiKeys}
        hint={
          channel
            ? `Stored: ${channel.keys.map((k) => k.preview).join(", ")}. Leave blank to keep them; what you type replaces them all.`
            : "One per line; several are used in turn, and one the upstream refuses is set aside. Write-only: shown masked afterwards."
        }
      >
        <Textarea
          id={id("apiKey")}
          value={apiKey}
          onChange={change("apiKey", setApiKey)}
          placeholder={channel ? channel.keys.map((k) => k.preview).join("\n") : shape.key}
          rows={channel && channel.keys.length > 1 ? Math.min(channel.keys.length, 4) : 2}
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
        />
      </FormField>
      <FormField id={id("models")} label="Models" error={errors.models} hint="One per line or separated by commas; the first one is used by “Test”.">
        <Textarea
          id={id("models")}
          value={models}
          onChange={change("models", setModels)}
          rows={3}
          spellCheck={false}
          className="font-mono"
        />
      </FormField>
      {suggestions.length ? (
        <div className="-mt-2 flex flex-wrap items-center gap-1.5 text-xs text-zinc-500">
          <span>From the catalog:</span>
          {suggestions.map((m) => (
            <button
              key={m}
              type="button"
              onClick={() => setModels((t) => (t.trim() ? `${t.trim()}\n${m}` : m))}
              className="rounded-full border border-zinc-200 px-2 py-0.5 font-mono text-zinc-700 hover:bg-zinc-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400"
              aria-label={`Add model ${m}`}
            >
              + {m}
            </button>
          ))}
        </div>
      ) : null}
      <fieldset className="grid gap-1.5">
        <legend className="mb-1.5 text-sm font-medium">Model mapping</legend>
        <ModelMappingEditor id={id("modelMapping")} rows={mapping} onChange={setMapping} invalid={!!errors.modelMapping} />
        {errors.modelMapping ? (
          <p className="text-xs text-red-600" role="alert">
            {errors.modelMapping}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="grid gap-1.5">
        <legend className="mb-1.5 text-sm font-medium">Groups served</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {groups.map((g) => (
            <label key={g} className="flex items-center gap-2 text-sm">
              <Checkbox
                checked={chosenGroups.includes(g)}
                onChange={(e) => setChosenGroups((cur) => (e.target.checked ? [...cur, g] : cur.filter((x) => x !== g)))}
              />
              {g}
            </label>
          ))}
        </div>
        {errors.groups ? (
          <p className="text-xs text-red-600" role="alert">
            {errors.groups}
          </p>
        ) : null}
      </fieldset>
      <FormField id={id("headers")} label="Extra headers" error={type === "anthropic" ? undefined : errors.headers} hint="Sent upstream with every request: one “Name: value” per line.">
        <Textarea
          id={id("headers")}
          value={extraHeaders}
          onChange={change("extraHeaders", setExtraHeaders)}
          rows={2}
          spellCheck={false}
          className="font-mono"
          placeholder={type === "openai" ? "OpenAI-Organization: org-…" : type === "gemini" ? "x-goog-user-project: my-project" : "x-ms-client-request-id: gateway"}
        />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={id("priority")} label="Priority" error={errors.priority} hint="Higher is tried first.">
          <Input id={id("priority")} value={priority} onChange={change("priority", setPriority)} inputMode="numeric" />
        </FormField>
        <FormField id={id("weight")} label="Weight" error={errors.weight} hint="Share of traffic among equal priority.">
          <Input id={id("weight")} value={weight} onChange={change("weight", setWeight)} inputMode="numeric" />
        </FormField>
      </div>
      {channel ? null : (
        <div className="flex items-center gap-3">
          <Switch id={id("status")} checked={enabled} onCheckedChange={setEnabled} aria-label="Enabled" />
          <label htmlFor={id("status")} className="text-sm">
            Enabled (serves traffic as soon as it is saved)
          </label>
        </div>
      )}
    </DialogForm>
  );
}
