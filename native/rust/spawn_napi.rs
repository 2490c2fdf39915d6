//! `spawnSync(request): SpawnSyncOutcome` (see `src/internal/binding.ts`):
//! reads the request object, runs `spawn::run`, builds the outcome object.
//!
//! The request's strings are copied straight from V8 into one arena that is
//! reused from call to call (per thread: workers have their own), so a call
//! allocates nothing for them once the arena has grown to fit. Off Linux the
//! function returns `undefined` and the facade uses the TypeScript twin.

use std::ffi::CStr;
use std::ptr::null_mut;

use crate::napi::*;

unsafe fn property(env: napi_env, object: napi_value, name: &CStr) -> napi_value {
    let mut value = null_mut();
    // SAFETY: live handles; a missing property reads as undefined.
    unsafe { napi_get_named_property(env, object, name.as_ptr(), &mut value) };
    value
}

/// A number property (an integer in practice); NaN or a non-number reads as `fallback`.
unsafe fn number(env: napi_env, object: napi_value, name: &CStr, fallback: f64) -> f64 {
    let mut out = f64::NAN;
    // SAFETY: live handles; out-pointer to a local.
    let status = unsafe { napi_get_value_double(env, property(env, object, name), &mut out) };
    if status != NAPI_OK || out.is_nan() {
        fallback
    } else {
        out
    }
}

unsafe fn throw(env: napi_env, message: &CStr) -> napi_value {
    // SAFETY: static strings.
    unsafe { napi_throw_type_error(env, c"ERR_INVALID_ARG_TYPE".as_ptr(), message.as_ptr()) };
    null_mut()
}

#[cfg(target_os = "linux")]
pub mod linux {
    use std::cell::RefCell;
    use std::ffi::{c_char, c_void, CStr};
    use std::ptr::null_mut;
    use std::time::Duration;

    use super::{number, property, throw};
    use crate::napi::*;
    use crate::spawn::{self, usage, Exit, Input, Output, Outcome, Request, Strings};

    /// Why a request could not be read.
    pub enum Invalid {
        /// Not the contract's shape: a TypeError.
        Shape(&'static CStr),
        /// A string with a NUL byte: reported as errno EINVAL, as a failed spawn.
        Nul,
    }

    #[derive(Default)]
    pub struct Scratch {
        strings: Strings,
        argv: Vec<*const c_char>,
        envp: Vec<*const c_char>,
    }

    thread_local! {
        pub static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
    }

    /// Copies a JS string into the arena: one conversion when it fits the spare room.
    unsafe fn push_string(env: napi_env, value: napi_value, strings: &mut Strings) -> Result<usize, Invalid> {
        let arena = strings.arena();
        let start = arena.len();
        arena.reserve(256);
        let mut room = arena.capacity() - start;
        let mut written = 0usize;
        // SAFETY: `room` writable bytes after `start`; Node writes at most room - 1 plus a NUL.
        let status = unsafe {
            napi_get_value_string_utf8(env, value, arena.as_mut_ptr().add(start).cast(), room, &mut written)
        };
        if status != NAPI_OK {
            return Err(Invalid::Shape(c"spawnSync: argv, env, file and cwd must be strings"));
        }
        // V8 writes whole characters (at most 4 bytes), so 4+ bytes to spare means it all fit.
        if written + 4 >= room {
            let mut length = 0usize;
            // SAFETY: a null buffer asks for the length only.
            unsafe { napi_get_value_string_utf8(env, value, null_mut(), 0, &mut length) };
            arena.reserve(length + 1);
            room = arena.capacity() - start;
            // SAFETY: as above, with room for the whole string.
            unsafe {
                napi_get_value_string_utf8(env, value, arena.as_mut_ptr().add(start).cast(), room, &mut written)
            };
        }
        // SAFETY: Node initialised `written` bytes after `start`.
        unsafe { arena.set_len(start + written) };
        strings.commit(start).map_err(|_| Invalid::Nul)
    }

    /// Pushes every element of a string array; returns how many.
    unsafe fn push_array(env: napi_env, array: napi_value, strings: &mut Strings) -> Result<usize, Invalid> {
        let mut length = 0u32;
        // SAFETY: live handle; fails for a non-array.
        if unsafe { napi_get_array_length(env, array, &mut length) } != NAPI_OK {
            return Err(Invalid::Shape(c"spawnSync: argv and env must be arrays of strings"));
        }
        for index in 0..length {
            let mut element = null_mut();
            // SAFETY: live handle, index in bounds.
            unsafe { napi_get_element(env, array, index, &mut element) };
            // SAFETY: live handle.
            unsafe { push_string(env, element, strings) }?;
        }
        Ok(length as usize)
    }

    fn output(code: f64) -> Output {
        match code as i64 {
            -2 => Output::Capture,
            -3 => Output::Collect,
            fd if fd >= 0 => Output::Fd(fd as i32),
            _ => Output::Null,
        }
    }

    /// stdin: a number (as an output code, without capture) or a TypedArray's bytes.
    unsafe fn input<'a>(env: napi_env, value: napi_value) -> Result<Input<'a>, Invalid> {
        let mut kind = 0;
        // SAFETY: live handle.
        unsafe { napi_typeof(env, value, &mut kind) };
        if kind == NAPI_NUMBER {
            let mut code = -1f64;
            // SAFETY: a number handle.
            unsafe { napi_get_value_double(env, value, &mut code) };
            return Ok(match code as i64 {
                -2 => Input::Pipe,
                fd if fd >= 0 => Input::Fd(fd as i32),
                _ => Input::Null,
            });
        }
        let (mut kind, mut length, mut data) = (0, 0usize, null_mut::<c_void>());
        // SAFETY: null for the out-parameters we do not need.
        let status = unsafe { napi_get_typedarray_info(env, value, &mut kind, &mut length, &mut data, null_mut(), null_mut()) };
        if status != NAPI_OK {
            return Err(Invalid::Shape(c"spawnSync: stdin must be a number or a TypedArray"));
        }
        let size = TYPED_ARRAY_ELEMENT_SIZES.get(kind as usize).copied().unwrap_or(1);
        if length == 0 || data.is_null() {
            return Ok(Input::Bytes(&[]));
        }
        // SAFETY: the view's bytes stay alive and unmoved for this callback, which
        // is the whole run (no JavaScript runs meanwhile).
        Ok(Input::Bytes(unsafe { std::slice::from_raw_parts(data.cast::<u8>(), length * size) }))
    }

    unsafe fn spawn_from(env: napi_env, object: napi_value, scratch: &mut Scratch) -> Result<Outcome, Invalid> {
        // SAFETY: live handles; `run`'s strings live in the scratch until it returns.
        unsafe { with_request(env, object, scratch, |request| spawn::run(request)) }
    }

    /// Reads the request object into `scratch` and calls `f` with it.
    pub unsafe fn with_request<R>(
        env: napi_env,
        object: napi_value,
        scratch: &mut Scratch,
        f: impl FnOnce(&Request) -> R,
    ) -> Result<R, Invalid> {
        let Scratch { strings, argv, envp } = scratch;
        strings.clear();
        // SAFETY (whole block): live handles of this callback.
        unsafe {
            let file = push_string(env, property(env, object, c"file"), strings)?;
            let argc = push_array(env, property(env, object, c"argv"), strings)?;
            // `env: null`: the child inherits this process's environment as it is;
            // `env: "launch"`: the environment the process was started with.
            let env_value = property(env, object, c"env");
            let mut kind = 0;
            napi_typeof(env, env_value, &mut kind);
            let inherit = kind == NAPI_NULL;
            let launch = kind == NAPI_STRING;
            let envc = if inherit || launch { 0 } else { push_array(env, env_value, strings)? };
            let cwd = push_string(env, property(env, object, c"cwd"), strings)?;
            let stdin = input(env, property(env, object, c"stdin"))?;
            strings.pointers(file + 1, file + 1 + argc, argv);
            if inherit {
                spawn::copy_environ(envp);
            } else if launch {
                spawn::launch_environ(envp);
            } else {
                strings.pointers(file + 1 + argc, file + 1 + argc + envc, envp);
            }
            let timeout = number(env, object, c"timeoutMs", 0.0);
            let max_buffer = number(env, object, c"maxBuffer", 0.0);
            let request = Request {
                file: strings.pointer(file),
                argv: argv.as_ptr(),
                envp: envp.as_ptr(),
                cwd: Some(strings.c_str(cwd)).filter(|cwd| !cwd.is_empty()),
                stdin,
                stdout: output(number(env, object, c"stdout", -1.0)),
                stderr: output(number(env, object, c"stderr", -1.0)),
                timeout: (timeout > 0.0).then(|| Duration::from_secs_f64(timeout / 1000.0)),
                kill_signal: number(env, object, c"killSignal", 15.0) as i32,
                max_buffer: if max_buffer > 0.0 { max_buffer as usize } else { 0 },
                ctty: number(env, object, c"terminal", -1.0) >= 0.0,
            };
            Ok(f(&request))
        }
    }

    pub struct Builder {
        pub env: napi_env,
    }

    impl Builder {
        pub fn object(&self) -> napi_value {
            let mut object = null_mut();
            // SAFETY: live env; out-pointer to a local.
            unsafe { napi_create_object(self.env, &mut object) };
            object
        }

        pub fn set(&self, object: napi_value, name: &CStr, value: napi_value) {
            // SAFETY: live handles; static NUL-terminated name.
            unsafe { napi_set_named_property(self.env, object, name.as_ptr(), value) };
        }

        fn number(&self, value: f64) -> napi_value {
            let mut result = null_mut();
            // SAFETY: out-pointer to a local.
            unsafe { napi_create_double(self.env, value, &mut result) };
            result
        }

        pub fn int(&self, value: i32) -> napi_value {
            let mut result = null_mut();
            // SAFETY: out-pointer to a local.
            unsafe { napi_create_int32(self.env, value, &mut result) };
            result
        }

        fn bigint(&self, value: i64) -> napi_value {
            let mut result = null_mut();
            // SAFETY: out-pointer to a local.
            unsafe { napi_create_bigint_int64(self.env, value, &mut result) };
            result
        }

        fn boolean(&self, value: bool) -> napi_value {
            let mut result = null_mut();
            // SAFETY: out-pointer to a local.
            unsafe { napi_get_boolean(self.env, value, &mut result) };
            result
        }

        pub fn null(&self) -> napi_value {
            let mut result = null_mut();
            // SAFETY: out-pointer to a local.
            unsafe { napi_get_null(self.env, &mut result) };
            result
        }

        fn pair(&self, first: (&CStr, i64), second: (&CStr, i64)) -> napi_value {
            let object = self.object();
            self.set(object, first.0, self.number(first.1 as f64));
            self.set(object, second.0, self.number(second.1 as f64));
            object
        }

        fn buffer(&self, bytes: Option<Vec<u8>>) -> napi_value {
            let Some(bytes) = bytes else { return self.null() };
            buffer_to_js(self.env, bytes)
        }

        pub fn resource_usage(&self, usage: Option<spawn::RUsage>) -> napi_value {
            let Some(usage) = usage else { return self.null() };
            let object = self.object();
            self.set(object, c"contextSwitches", self.pair((c"voluntary", usage.field(usage::NVCSW)), (c"involuntary", usage.field(usage::NIVCSW))));
            let cpu = self.object();
            let (user, system) = (usage.user_micros(), usage.system_micros());
            self.set(cpu, c"user", self.bigint(user));
            self.set(cpu, c"system", self.bigint(system));
            self.set(cpu, c"total", self.bigint(user + system));
            self.set(object, c"cpuTime", cpu);
            // Linux reports KiB; Bun reports bytes.
            self.set(object, c"maxRSS", self.number(usage.field(usage::MAX_RSS) as f64 * 1024.0));
            self.set(object, c"messages", self.pair((c"sent", usage.field(usage::MSGSND)), (c"received", usage.field(usage::MSGRCV))));
            self.set(object, c"ops", self.pair((c"in", usage.field(usage::INBLOCK)), (c"out", usage.field(usage::OUBLOCK))));
            self.set(object, c"shmSize", self.number(usage.field(usage::IXRSS) as f64));
            self.set(object, c"signalCount", self.number(usage.field(usage::NSIGNALS) as f64));
            self.set(object, c"swapCount", self.number(usage.field(usage::NSWAP) as f64));
            object
        }

        fn outcome(&self, outcome: Outcome) -> napi_value {
            let object = self.object();
            self.set(object, c"pid", self.int(outcome.pid));
            self.set(object, c"errno", self.int(outcome.errno));
            self.set(object, c"stdout", self.buffer(outcome.stdout));
            self.set(object, c"stderr", self.buffer(outcome.stderr));
            let (code, signal) = match outcome.exit {
                Some(Exit::Code(code)) => (self.int(code), self.null()),
                Some(Exit::Signal(signal)) => (self.null(), self.int(signal)),
                None => (self.null(), self.null()),
            };
            self.set(object, c"exitCode", code);
            self.set(object, c"signalCode", signal);
            self.set(object, c"timedOut", self.boolean(outcome.timed_out));
            self.set(object, c"maxBufferExceeded", self.boolean(outcome.max_buffer_exceeded));
            self.set(object, c"resourceUsage", self.resource_usage(outcome.usage));
            object
        }
    }

    /// Captures up to this size are copied into a V8-owned Buffer; larger ones
    /// are handed over without a copy.
    const COPY_BELOW: usize = 64 * 1024;

    pub fn buffer_to_js(env: napi_env, bytes: Vec<u8>) -> napi_value {
        let mut result = null_mut();
        let mut data = null_mut();
        if bytes.len() >= COPY_BELOW {
            let mut bytes = std::mem::ManuallyDrop::new(bytes);
            let (pointer, length, capacity) = (bytes.as_mut_ptr(), bytes.len(), bytes.capacity());
            // SAFETY: the vector's memory lives until `release_vec` rebuilds it
            // from the same parts (the capacity travels as the hint).
            let status = unsafe {
                napi_create_external_buffer(env, length, pointer.cast(), release_vec, capacity as *mut c_void, &mut result)
            };
            if status == NAPI_OK {
                return result;
            }
            // Runtimes that forbid external buffers (a V8 sandbox) get a copy.
            // SAFETY: the parts were not handed out.
            let bytes = unsafe { Vec::from_raw_parts(pointer, length, capacity) };
            // SAFETY: copies `length` initialised bytes.
            unsafe { napi_create_buffer_copy(env, bytes.len(), bytes.as_ptr().cast(), &mut data, &mut result) };
            return result;
        }
        // SAFETY: copies `len` initialised bytes (none for an empty capture).
        unsafe { napi_create_buffer_copy(env, bytes.len(), bytes.as_ptr().cast(), &mut data, &mut result) };
        result
    }

    unsafe extern "C" fn release_vec(_env: napi_env, data: *mut c_void, hint: *mut c_void) {
        // SAFETY: the pointer and capacity `buffer_to_js` handed over; length 0 drops no elements (u8).
        drop(unsafe { Vec::from_raw_parts(data.cast::<u8>(), 0, hint as usize) });
    }

    pub unsafe fn spawn_sync(env: napi_env, request: napi_value) -> napi_value {
        let outcome = SCRATCH.with(|scratch| {
            // A reentrant call cannot happen (no JavaScript runs during a spawn), but stay safe.
            let Ok(mut scratch) = scratch.try_borrow_mut() else {
                // SAFETY: live handles.
                return unsafe { spawn_from(env, request, &mut Scratch::default()) };
            };
            // SAFETY: live handles.
            unsafe { spawn_from(env, request, &mut scratch) }
        });
        match outcome {
            Ok(outcome) => Builder { env }.outcome(outcome),
            Err(Invalid::Nul) => Builder { env }.outcome(Outcome { errno: 22, ..Outcome::default() }),
            // SAFETY: static message.
            Err(Invalid::Shape(message)) => unsafe { throw(env, message) },
        }
    }
}

/// `spawnSync(request)`; see the module comment.
pub unsafe extern "C" fn spawn_sync(env: napi_env, info: napi_callback_info) -> napi_value {
    let mut argc = 1usize;
    let mut argv = [null_mut(); 1];
    // SAFETY: one argument slot.
    unsafe { napi_get_cb_info(env, info, &mut argc, argv.as_mut_ptr(), null_mut(), null_mut()) };
    let mut kind = 0;
    // SAFETY: live handle.
    unsafe { napi_typeof(env, argv[0], &mut kind) };
    if kind != NAPI_OBJECT {
        // SAFETY: static message.
        return unsafe { throw(env, c"spawnSync: request must be an object") };
    }
    #[cfg(target_os = "linux")]
    // SAFETY: live handles.
    return unsafe { linux::spawn_sync(env, argv[0]) };
    #[cfg(not(target_os = "linux"))]
    {
        let _ = number;
        let _ = property;
        null_mut()
    }
}

/// `spawn(request, onExit)` off Linux: undefined, so the facade uses `child_process`.
#[cfg(not(target_os = "linux"))]
pub unsafe extern "C" fn spawn_async(_env: napi_env, _info: napi_callback_info) -> napi_value {
    null_mut()
}
