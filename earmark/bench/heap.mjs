// Runs `earmark bench heap`'s steps in MicroPython's 32-bit webassembly port (node).
// argv: the port's micropython.mjs, an image folder, a data folder, the steps as JSON.
// Each step runs in its own runPython call: this port frees garbage only between calls.
import fs from "fs";
import path from "path";
const [,, port, image, data, stepsFile] = process.argv;
const { loadMicroPython } = await import(port);
const mp = await loadMicroPython({heapsize: 4 * 1024 * 1024, stdout: (line) => console.log(line)});
function copy(src, dst) {
  mp.FS.mkdir(dst);
  for (const name of fs.readdirSync(src)) {
    const from = path.join(src, name);
    if (fs.statSync(from).isDirectory()) copy(from, dst + "/" + name);
    else mp.FS.writeFile(dst + "/" + name, fs.readFileSync(from));
  }
}
copy(image, "/image");
copy(data, "/data");
for (const [name, code] of JSON.parse(fs.readFileSync(stepsFile, "utf8"))) {
  mp.runPython(code);
  mp.runPython(`import gc, json; gc.collect(); print(json.dumps([${JSON.stringify(name)}, gc.mem_alloc()]))`);
}
