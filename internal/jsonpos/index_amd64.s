#include "textflag.h"

// ENTRY writes at off(DI) the entry of the lowest bit set in BX (the
// offset of its byte plus the base R8, with the byte at (SI) in the high
// 8 bits) and clears the bit.
#define ENTRY(off) \
	TZCNTQ BX, AX; \
	MOVBLZX (SI)(AX*1), R9; \
	SHLL $24, R9; \
	ADDL R8, AX; \
	ORL R9, AX; \
	MOVL AX, off(DI); \
	BLSRQ BX, BX

// func structurals(src *byte, blocks int, idx *uint32, base uint32, st *blockState) int
//
// Classifies 64 bytes per step with AVX2 and writes an entry for each
// structural byte (see index.go) to idx: its offset, plus base, in the low
// 24 bits and the byte in the high 8. The state carried between steps and
// calls lives in *st.
TEXT ·structurals(SB), NOSPLIT, $0-48
	MOVQ src+0(FP), SI
	MOVQ blocks+8(FP), CX
	MOVQ idx+16(FP), DI
	MOVL base+24(FP), R8
	MOVQ st+32(FP), AX
	MOVQ 0(AX), R10  // all ones when inside a string
	MOVQ 8(AX), R11  // 1 when the last byte was a scalar byte
	MOVQ 16(AX), R12 // control characters inside strings
	VPXOR Y13, Y13, Y13 // backslashes
	VPXOR Y14, Y14, Y14 // bytes of 0x80 and above
	VPBROADCASTQ lower<>(SB), Y8
	VPBROADCASTQ quote<>(SB), Y9
	VMOVDQU wsTable<>(SB), Y10
	VMOVDQU opTable<>(SB), Y11
	VPBROADCASTQ slash<>(SB), Y12
	VPCMPEQB Y7, Y7, Y7 // all ones
	TESTQ CX, CX
	JZ done

block:
	VMOVDQU 0(SI), Y0
	VMOVDQU 32(SI), Y1

	// White space: the table holds, at each low nibble, the one white
	// space byte with that nibble.
	VPSHUFB Y0, Y10, Y2
	VPCMPEQB Y0, Y2, Y2
	VPSHUFB Y1, Y10, Y3
	VPCMPEQB Y1, Y3, Y3
	VPMOVMSKB Y2, AX
	VPMOVMSKB Y3, R9
	SHLQ $32, R9
	ORQ R9, AX

	// Control characters, to find those inside strings below. Outside
	// strings, those that are not white space need no check: they are
	// scalar bytes, and no scalar that holds one is valid.
	VPMINUB ctrl<>(SB), Y0, Y4
	VPCMPEQB Y0, Y4, Y4
	VPMINUB ctrl<>(SB), Y1, Y5
	VPCMPEQB Y1, Y5, Y5
	VPMOVMSKB Y4, R13
	VPMOVMSKB Y5, R9
	SHLQ $32, R9
	ORQ R9, R13

	// Operators {}[],: compared with the byte | 0x20, which maps [ to {
	// and ] to }.
	VPOR Y8, Y0, Y2
	VPSHUFB Y0, Y11, Y4
	VPCMPEQB Y2, Y4, Y4
	VPOR Y8, Y1, Y3
	VPSHUFB Y1, Y11, Y5
	VPCMPEQB Y3, Y5, Y5
	VPMOVMSKB Y4, BX
	VPMOVMSKB Y5, R9
	SHLQ $32, R9
	ORQ R9, BX

	// Quotes, backslashes and high bytes.
	VPCMPEQB Y9, Y0, Y4
	VPCMPEQB Y9, Y1, Y5
	VPMOVMSKB Y4, DX
	VPMOVMSKB Y5, R9
	SHLQ $32, R9
	ORQ R9, DX
	VPCMPEQB Y12, Y0, Y4
	VPCMPEQB Y12, Y1, Y5
	VPOR Y4, Y13, Y13
	VPOR Y5, Y13, Y13
	VPOR Y0, Y14, Y14
	VPOR Y1, Y14, Y14

	// Inside strings: the prefix XOR of the quotes (a carry-less multiply
	// by all ones), from the opening quote up to the closing one.
	VMOVQ DX, X2
	VPCLMULQDQ $0, X7, X2, X2
	VMOVQ X2, R9
	XORQ R10, R9
	MOVQ R9, R10
	SARQ $63, R10
	ANDQ R9, R13
	ORQ R13, R12

	// Scalar bytes are neither white space, operator, quote nor string;
	// a scalar starts where one follows anything else.
	ORQ BX, AX
	ORQ DX, AX
	ORQ R9, AX
	NOTQ AX
	MOVQ AX, R13
	SHLQ $1, R13
	ORQ R11, R13
	MOVQ AX, R11
	SHRQ $63, R11
	ANDNQ AX, R13, R13

	// Structural: operators outside strings, quotes, scalar starts.
	ANDNQ BX, R9, BX
	ORQ DX, BX
	ORQ R13, BX

	// Write their entries: eight unconditionally (most blocks have at most
	// eight, so the loop below rarely runs), then the rest.
	POPCNTQ BX, DX
	ENTRY(0)
	ENTRY(4)
	ENTRY(8)
	ENTRY(12)
	ENTRY(16)
	ENTRY(20)
	ENTRY(24)
	ENTRY(28)
	CMPQ DX, $8
	JBE few
	ADDQ $32, DI

more:
	ENTRY(0)
	LEAQ 4(DI), DI // not ADDQ: JNZ tests BLSRQ's result
	JNZ more
	JMP next

few:
	LEAQ (DI)(DX*4), DI

next:
	ADDQ $64, R8
	ADDQ $64, SI
	DECQ CX
	JNZ block

done:
	MOVQ st+32(FP), AX
	MOVQ R10, 0(AX)
	MOVQ R11, 8(AX)
	VPMOVMSKB Y13, R9
	ORQ R9, R12
	MOVQ R12, 16(AX)
	VPMOVMSKB Y14, R9
	ORQ R9, 24(AX)
	VZEROUPPER
	SUBQ idx+16(FP), DI
	SHRQ $2, DI
	MOVQ DI, ret+40(FP)
	RET

DATA lower<>+0(SB)/8, $0x2020202020202020
GLOBL lower<>(SB), RODATA|NOPTR, $8
DATA quote<>+0(SB)/8, $0x2222222222222222
GLOBL quote<>(SB), RODATA|NOPTR, $8
DATA slash<>+0(SB)/8, $0x5c5c5c5c5c5c5c5c
GLOBL slash<>(SB), RODATA|NOPTR, $8

DATA ctrl<>+0(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA ctrl<>+8(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA ctrl<>+16(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA ctrl<>+24(SB)/8, $0x1f1f1f1f1f1f1f1f
GLOBL ctrl<>(SB), RODATA|NOPTR, $32

// At low nibble 0 the space, at 9, 10 and 13 the tab, newline and carriage
// return; elsewhere 0xff, which no byte that indexes it equals.
DATA wsTable<>+0(SB)/8, $0xffffffffffffff20
DATA wsTable<>+8(SB)/8, $0xffff0dffff0a09ff
DATA wsTable<>+16(SB)/8, $0xffffffffffffff20
DATA wsTable<>+24(SB)/8, $0xffff0dffff0a09ff
GLOBL wsTable<>(SB), RODATA|NOPTR, $32

// At low nibble 10 to 13, the operator with that nibble, | 0x20: ':' '{' ','
// '}'; elsewhere 0, which no byte | 0x20 equals.
DATA opTable<>+0(SB)/8, $0
DATA opTable<>+8(SB)/8, $0x00007d2c7b3a0000
DATA opTable<>+16(SB)/8, $0
DATA opTable<>+24(SB)/8, $0x00007d2c7b3a0000
GLOBL opTable<>(SB), RODATA|NOPTR, $32
