/*
 * hall.js: small comforts on top of pages that work without it (the
 * CSP allows scripts from the hall only, never inline ones).
 *  - Asks before what cannot be undone: 退单, 审核通过, 回退, 删除
 *    (forms by action, or any form with data-confirm="question").
 *  - A second click on a form's button while the first submission is
 *    on its way does nothing, so a double click submits once.
 *  - Buttons with data-print open the browser's print dialog.
 */
(function () {
	'use strict';

	// The question asked before a form whose action ends so is sent.
	var questions = [
		[/\/cancel$/, '确定要退单吗?退单后本业务作废,不能恢复。'],
		[/\/review\/approve$/, '确定审核通过吗?通过后业务即办结生效。'],
		[/\/review\/reject$/, '确定回退吗?单位将在首页看到回退原因。'],
		[/\/review\/batch-approve$/, '确定将所选业务全部审核通过吗?'],
		[/\/review\/partial$/, '确定部分回退吗?勾选的人员将退回单位修改,其余人员即审核通过,不能撤回。'],
		[/\/delete$/, '确定删除吗?']
	];

	// The question for form sent by button sub (may be null): the
	// button's data-confirm, the form's, else by the action the button
	// (formaction) or the form posts to.
	function question(form, sub) {
		var q = (sub && sub.getAttribute('data-confirm')) ||
		    form.getAttribute('data-confirm');
		var action = (sub && sub.getAttribute('formaction')) ||
		    form.getAttribute('action') || '';
		var i;

		if (q)
			return q;
		action = action.split('?')[0];
		// Nothing ticked: the hall says so itself, no question first.
		if (/\/review\/batch-approve$/.test(action) &&
		    !form.querySelector('input[name="id"]:checked'))
			return null;
		for (i = 0; i < questions.length; i++)
			if (questions[i][0].test(action))
				return questions[i][1];
		return null;
	}

	document.addEventListener('submit', function (ev) {
		var form = ev.target;
		var q = question(form, ev.submitter || null);

		if (form.getAttribute('data-sent') === '1') {
			ev.preventDefault();
			return;
		}
		if (q && !window.confirm(q)) {
			ev.preventDefault();
			return;
		}
		if ((form.getAttribute('method') || '').toLowerCase() === 'post')
			form.setAttribute('data-sent', '1');
	}, false);

	// Back to a page from the browser's cache: its forms may be sent
	// again.
	window.addEventListener('pageshow', function () {
		var sent = document.querySelectorAll('form[data-sent]');
		var i;

		for (i = 0; i < sent.length; i++)
			sent[i].removeAttribute('data-sent');
	}, false);

	document.addEventListener('click', function (ev) {
		var el = ev.target;

		if (el && el.hasAttribute && el.hasAttribute('data-print')) {
			ev.preventDefault();
			window.print();
		}
	}, false);
}());
