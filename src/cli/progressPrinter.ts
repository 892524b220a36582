import type { ProgressEvent, ProgressSink } from '../runtime/progress.js';

/** Prints progress to stderr at most once a second (every epoch summary is printed). */
export function progressPrinter(stream: NodeJS.WriteStream, quiet: boolean): ProgressSink {
  if (quiet) return () => undefined;
  let last = 0;
  let passStarted = performance.now();
  let currentPass = '';
  const interactive = stream.isTTY === true;
  const print = (text: string, transient: boolean) => {
    if (interactive) stream.write(`\r\x1b[K${text}${transient ? '' : '\n'}`);
    else stream.write(`${text}\n`);
  };
  return (event: ProgressEvent) => {
    const now = performance.now();
    switch (event.kind) {
      case 'epoch': {
        const cells = Object.entries(event.metrics).map(([name, value]) => `${name} ${(value as number).toFixed(4)}`);
        print(`epoch ${event.epoch}/${event.epochs}: ${cells.join(', ')} (${event.seconds.toFixed(1)} s)`, false);
        return;
      }
      case 'info':
        print(event.message, false);
        return;
      case 'pass': {
        const key = `${event.pass}:${event.label}`;
        if (key !== currentPass) {
          currentPass = key;
          passStarted = now;
        }
        break;
      }
      case 'train':
        break;
      default: {
        const never: never = event;
        return never;
      }
    }
    if (now - last < 1000) return;
    last = now;
    if (event.kind === 'pass') {
      const seconds = (now - passStarted) / 1000;
      const mb = event.bytes / 1e6;
      const share = event.totalBytes > 0 ? ` (${((100 * event.bytes) / event.totalBytes).toFixed(0)}%)` : '';
      print(`pass ${event.pass}/${event.passes} ${event.label}: ${event.rows.toLocaleString('en-US')} rows, ${mb.toFixed(0)} MB${share}, ${(mb / Math.max(seconds, 1e-3)).toFixed(1)} MB/s`, true);
    } else {
      print(`epoch ${event.epoch}/${event.epochs}: ${event.rows.toLocaleString('en-US')} rows trained, loss ${event.loss.toFixed(4)}`, true);
    }
  };
}
