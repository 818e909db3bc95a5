# irget.sh: instructions per request under callgrind, sourced by
# tests/bench/callgrind.sh and tests/bench/scale.sh (figures only).
#
# ir_per_request B WORK PROG PATH N PEM TOKEN
#	runs B/bin/PROG under valgrind --tool=callgrind on a Unix socket
#	in WORK (spawn-fcgi, as nginx/run.sh does) twice, with 1 request
#	of PATH (query string allowed) and with N+1, each sent by
#	B/bench/fcgi-get with the parameters nginx passes (the client
#	certificate PEM, the session cookie TOKEN, "-" for none), and
#	prints (Ir(N+1) - Ir(1)) / N: start-up and exit left out.  Prints
#	nothing when a run fails (its answer's first lines on stderr).
#	The HALL_* environment of the program is the caller's.

# ir_stop B PID SOCK: ends the program PID listening on SOCK with
# SIGTERM, so that callgrind writes its figures.  A program told to stop
# just before it went back to accept() waits there (libfcgi checks the
# flag before accepting): it is woken by a connection that sends
# nothing (fcgi-get SOCK 0), again every second, for up to 30 seconds.
ir_stop() {
	kill "$2" 2>/dev/null
	_j=0
	while kill -0 "$2" 2>/dev/null && [ $_j -lt 300 ]; do
		sleep 0.1
		_j=$((_j + 1))
		[ $((_j % 10)) = 0 ] && "$1/bench/fcgi-get" "$3" 0 2>/dev/null
	done
	kill -9 "$2" 2>/dev/null
	wait "$2" 2>/dev/null
}

# ir_run B WORK PROG COUNT PATH CERT TOKEN: the total Ir of one run, or
# nothing.
ir_run() {
	_b=$1 _w=$2 _prog=$3 _count=$4 _path=$5 _cert=$6 _tok=$7
	_sock=$_w/ir-$_prog.sock
	_out=$_w/ir-$_prog.out
	_ans=$_w/ir-$_prog.answer
	rm -f "$_sock" "$_out"
	spawn-fcgi -n -s "$_sock" -- "$(command -v valgrind)" --tool=callgrind \
	    --callgrind-out-file="$_out" "$_b/bin/$_prog" \
	    </dev/null >>"$_w/ir-valgrind.log" 2>&1 &
	_vpid=$!
	_i=0
	while [ ! -S "$_sock" ] && [ $_i -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	_cookie=
	[ "$_tok" != - ] && _cookie="HTTP_COOKIE=__Host-hall_session=$_tok"
	"$_b/bench/fcgi-get" "$_sock" "$_count" REQUEST_METHOD=GET \
	    "REQUEST_URI=$_path" "DOCUMENT_URI=${_path%%\?*}" \
	    "SCRIPT_NAME=${_path%%\?*}" \
	    "QUERY_STRING=$(case $_path in *\?*) echo "${_path#*\?}" ;; esac)" \
	    SERVER_PROTOCOL=HTTP/1.1 HTTPS=on REMOTE_ADDR=127.0.0.1 \
	    HTTP_HOST=127.0.0.1 HTTP_ACCEPT=text/html ${_cookie:+"$_cookie"} \
	    SSL_CLIENT_VERIFY=SUCCESS "SSL_CLIENT_CERT=$_cert" \
	    >"$_ans" 2>>"$_w/ir-valgrind.log"
	_rc=$?
	ir_stop "$_b" "$_vpid" "$_sock"
	if [ $_rc -ne 0 ]; then
		echo "irget: $_path did not answer 200:" >&2
		head -n 3 "$_ans" >&2
		return
	fi
	sed -n 's/^summary: *//p' "$_out" 2>/dev/null
}

ir_per_request() {
	command -v valgrind >/dev/null && command -v spawn-fcgi >/dev/null &&
	    [ -x "$1/bench/fcgi-get" ] || return 0
	# nginx's $ssl_client_escaped_cert: the PEM, percent-encoded (here
	# every byte, which decodes the same).
	_c=$(openssl x509 -in "$6" | od -An -v -tx1 | tr -s ' \n' ' ' |
	    sed 's/^ //; s/ $//; s/ /%/g; s/^/%/')
	_one=$(ir_run "$1" "$2" "$3" 1 "$4" "$_c" "$7")
	_more=$(ir_run "$1" "$2" "$3" $(($5 + 1)) "$4" "$_c" "$7")
	[ -n "$_one" ] && [ -n "$_more" ] && echo $(( (_more - _one) / $5 ))
}
