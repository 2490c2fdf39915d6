;; Bun.stringWidth's fast path: are the first `length` bytes of memory all
;; printable ASCII (0x20-0x7e)? A byte b is printable when (b - 0x20), taken
;; unsigned, is below 0x5f. Sixteen bytes a step with SIMD.
;; Compiled into printable-ascii-wasm.ts by scripts/generate-printable-ascii-wasm.mjs.
(module
  (memory (export "memory") 1)
  (func (export "isPrintableAscii") (param $length i32) (result i32)
    (local $at i32)
    (local $last i32)
    (local $base v128)
    (local $span v128)
    ;; Fewer than sixteen bytes: one at a time.
    (if (i32.lt_u (local.get $length) (i32.const 16))
      (then
        (loop $byte
          (if (i32.lt_u (local.get $at) (local.get $length))
            (then
              (if (i32.ge_u (i32.sub (i32.load8_u (local.get $at)) (i32.const 0x20)) (i32.const 0x5f))
                (then (return (i32.const 0))))
              (local.set $at (i32.add (local.get $at) (i32.const 1)))
              (br $byte))))
        (return (i32.const 1))))
    (local.set $base (i8x16.splat (i32.const 0x20)))
    (local.set $span (i8x16.splat (i32.const 0x5f)))
    ;; Whole blocks, then one last block that ends at `length` (it may overlap the one before).
    (local.set $last (i32.sub (local.get $length) (i32.const 16)))
    (loop $block
      (if (i32.lt_u (local.get $at) (local.get $last))
        (then
          (if (i32.eqz (i8x16.all_true (i8x16.lt_u (i8x16.sub (v128.load (local.get $at)) (local.get $base)) (local.get $span))))
            (then (return (i32.const 0))))
          (local.set $at (i32.add (local.get $at) (i32.const 16)))
          (br $block))))
    (i8x16.all_true (i8x16.lt_u (i8x16.sub (v128.load (local.get $last)) (local.get $base)) (local.get $span)))))
