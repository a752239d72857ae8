#!/bin/sh
# mkroot.sh - recreates the dummy kernels of samples/root/, the directory the
# samples' oracle runs serve by TFTP (ipxe-oracle --tftp samples/root).
# Usage: sh samples/mkroot.sh   (the generated files are checked in too)
#
# A dummy kernel is a 16-bit PXE NBP of a few dozen bytes: iPXE's BIOS build
# loads any small non-script file as [PXE-NBP] and jumps to 0000:7C00.  It
# prints one line through the BIOS (int 10h, which SeaBIOS copies to the
# serial console) and halts, so a transcript ends with that line and the
# oracle with end=timeout: the point where a real kernel would have taken
# over.  Initrds and ISOs are plain text: nothing ever reads them.
set -eu
cd "$(dirname "$0")/root"

# xor ax,ax; mov ds,ax; mov si,0x7c19; .l: lodsb; or al,al; jz .h;
# mov ah,0x0e; mov bx,7; int 0x10; jmp .l; .h: cli; hlt; jmp .h
# (25 bytes, so the message starts at 0x7c19), then the NUL-ended message.
CODE='\061\300\216\330\276\031\174\254\010\300\164\011\264\016\273\007\000'
CODE=$CODE'\315\020\353\362\372\364\353\374'

kernel() {	# kernel PATH TEXT
	mkdir -p "$(dirname "$1")"
	# The space before CR LF: SeaBIOS holds back the last character sent
	# (and the line end after it) until more output comes, which never
	# does here, so that character must be one the transcript drops.
	msg='\r\n[%s started: dummy kernel, iPXE has handed over] \r\n\000'
	# shellcheck disable=SC2059 # the format is the machine code
	printf "$CODE$msg" "$2" >"$1"
}

text() {	# text PATH TEXT
	mkdir -p "$(dirname "$1")"
	printf 'dummy %s for the ipxekit samples\n' "$2" >"$1"
}

kernel rescue/bios-x86_64/vmlinuz "rescue kernel (pcbios, x86_64)"
text rescue/bios-x86_64/initrd.img "rescue initrd"
kernel centos/7.9/images/pxeboot/vmlinuz "CentOS 7.9 installer kernel"
text centos/7.9/images/pxeboot/initrd.img "CentOS 7.9 installer initrd"
kernel debian-installer/amd64/linux "Debian 12 installer kernel"
text debian-installer/amd64/initrd.gz "Debian 12 installer initrd"
kernel tools/memtest64.bin "memtest86+"
kernel memdisk "memdisk"
text iso/fdfullcd.iso "FreeDOS ISO image"
