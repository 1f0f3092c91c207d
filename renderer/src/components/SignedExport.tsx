import { useState } from 'react';
import { ApiError } from '../api';
import { TextField } from './Field';
import { JSON_FILTERS, PathField } from './PathField';
import { errorMessage } from './Toast';

/**
 * A file signed with a key and saved where the user says (评分包 on the
 * clerk's laptop, 签名评分表 on a member's): a save path and the key's
 * passphrase, checked here and again by the back end. The passphrase is
 * cleared after every attempt; a path or passphrase the back end refuses is
 * shown on its field, anything else as `problem`.
 */
export interface SignedExportForm<R> {
  ids: { path: string; passphrase: string };
  path: string;
  passphrase: string;
  errors: { outPath?: string | undefined; passphrase?: string | undefined };
  setPath: (v: string) => void;
  setPassphrase: (v: string) => void;
  problem: string | null;
  busy: boolean;
  done: R | null;
  submit: () => Promise<void>;
}

export function useSignedExport<R>({
  ids,
  passphraseMissing,
  run,
  onDone,
}: {
  ids: { path: string; passphrase: string };
  /** the message when no passphrase is typed */
  passphraseMissing: string;
  run: (outPath: string, passphrase: string) => Promise<R>;
  onDone: (r: R) => void;
}): SignedExportForm<R> {
  const [path, setPathValue] = useState('');
  const [passphrase, setPassValue] = useState('');
  const [errors, setErrors] = useState<SignedExportForm<R>['errors']>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<R | null>(null);

  const submit = async () => {
    if (busy) return;
    const e: typeof errors = {};
    if (!path.trim()) e.outPath = '请选择保存位置';
    if (!passphrase) e.passphrase = passphraseMissing;
    setErrors(e);
    if (e.outPath) return document.getElementById(ids.path)?.focus();
    if (e.passphrase) return document.getElementById(ids.passphrase)?.focus();
    setBusy(true);
    setProblem(null);
    try {
      const r = await run(path.trim(), passphrase);
      setPassValue('');
      setDone(r);
      onDone(r);
    } catch (err) {
      setPassValue('');
      const fe = err instanceof ApiError ? (err.fieldErrors ?? {}) : {};
      if (fe.passphrase || fe.outPath) {
        setErrors({ passphrase: fe.passphrase, outPath: fe.outPath ? errorMessage(err) : undefined });
        document.getElementById(fe.outPath ? ids.path : ids.passphrase)?.focus();
      } else setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return {
    ids,
    path,
    passphrase,
    errors,
    setPath: (v) => {
      setPathValue(v);
      setErrors((x) => ({ ...x, outPath: undefined }));
    },
    setPassphrase: (v) => {
      setPassValue(v);
      setErrors((x) => ({ ...x, passphrase: undefined }));
    },
    problem,
    busy,
    done,
    submit,
  };
}

/** The save path and the passphrase of a SignedExportForm. */
export function SignedExportFields<R>({
  form,
  dialogTitle,
  defaultName,
  pathHint,
  passphraseLabel,
  passphraseHint,
}: {
  form: SignedExportForm<R>;
  /** title of the system's save dialog */
  dialogTitle: string;
  defaultName: string;
  pathHint: string;
  passphraseLabel: string;
  passphraseHint?: string;
}) {
  return (
    <>
      <PathField
        id={form.ids.path}
        label="保存位置"
        mode="save"
        required
        value={form.path}
        onChange={form.setPath}
        dialogTitle={dialogTitle}
        defaultName={defaultName}
        filters={JSON_FILTERS}
        error={form.errors.outPath}
        hint={pathHint}
      />
      <TextField
        id={form.ids.passphrase}
        label={passphraseLabel}
        type="password"
        required
        value={form.passphrase}
        error={form.errors.passphrase}
        {...(passphraseHint ? { hint: passphraseHint } : {})}
        onChange={(ev) => form.setPassphrase(ev.target.value)}
      />
    </>
  );
}
