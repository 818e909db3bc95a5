/*
 * test_render.c: the render path's pieces against libxslt's own.
 *
 * htmlout_doc() must write the very bytes xsltSaveResultToString()
 * writes: every stylesheet sample of tests/xsl is transformed with its
 * program's stylesheet and serialised both ways.  The arena
 * (xmlarena.c) must give memory that survives until its end and hand
 * memory from before it back to the C library.
 */
#include <check.h>
#include <glob.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "htmlout.h"
#include "render.h"
#include "xmlarena.h"
#include "../suites.h"

/* Transforms sample path with ../xsl/<prog>.xsl and compares the two
 * serialisations.  Returns 1 when htmlout_doc() wrote the page, 0 when
 * it left it to libxslt. */
static int
compare_sample(const char *path)
{
	char			 base[256], xsl[300], *dash;
	xsltStylesheetPtr	 style;
	xmlDocPtr		 in, res;
	xmlChar			*want = NULL, *got = NULL;
	int			 wantsz = 0, gotsz = 0, rc;

	snprintf(base, sizeof(base), "%s", path);
	snprintf(base, sizeof(base), "%s", basename(base));
	if ((dash = strchr(base, '-')) != NULL)
		*dash = '\0';
	snprintf(xsl, sizeof(xsl), "../xsl/%s.xsl", base);
	style = xsltParseStylesheetFile((const xmlChar *)xsl);
	ck_assert_msg(style != NULL, "cannot load %s", xsl);
	in = xmlReadFile(path, NULL, XML_PARSE_NONET);
	ck_assert_msg(in != NULL, "cannot read %s", path);
	res = xsltApplyStylesheet(style, in, NULL);
	ck_assert_msg(res != NULL, "%s: transform failed", path);
	ck_assert_int_eq(xsltSaveResultToString(&want, &wantsz, res, style),
	    0);
	rc = htmlout_doc(res, &got, &gotsz);
	ck_assert_msg(rc == 0 || rc == 1, "%s: htmlout_doc %d", path, rc);
	if (rc == 0) {
		ck_assert_msg(gotsz == wantsz && memcmp(got, want, wantsz) == 0,
		    "%s: htmlout_doc differs from libxslt (%d bytes, "
		    "libxslt %d)", path, gotsz, wantsz);
		xmlFree(got);
	}
	xmlFree(want);
	xmlFreeDoc(res);
	xmlFreeDoc(in);
	xsltFreeStylesheet(style);
	return rc == 0;
}

/* Every sample page comes out byte for byte as libxslt writes it, and
 * the serialiser writes nearly all of them itself. */
START_TEST(htmlout_matches_libxslt)
{
	glob_t	 g;
	size_t	 i, own = 0;

	ck_assert_int_eq(glob("xsl/*.xml", 0, NULL, &g), 0);
	ck_assert_int_gt(g.gl_pathc, 20);
	for (i = 0; i < g.gl_pathc; i++)
		own += compare_sample(g.gl_pathv[i]);
	ck_assert_msg(own * 10 >= g.gl_pathc * 9,
	    "htmlout_doc left %zu of %zu samples to libxslt",
	    g.gl_pathc - own, g.gl_pathc);
	globfree(&g);
}
END_TEST

/* Hostile text and attribute values come out escaped as libxslt does
 * (the escaping paths the samples may not reach). */
START_TEST(htmlout_escapes_like_libxslt)
{
	static const char	 xsl[] =
	    "<xsl:stylesheet version='1.0'"
	    " xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
	    "<xsl:output method='html' encoding='UTF-8' indent='no'"
	    " doctype-system='about:legacy-compat'/>"
	    "<xsl:template match='/t'><html><body>"
	    "<p title='{a}' class='{b}'><xsl:value-of select='a'/></p>"
	    "<input type='text' value='{b}' disabled='disabled'/>"
	    "<a href='/x?q={c}'><xsl:value-of select='c'/></a>"
	    "<p><xsl:value-of select='d'/></p><br/><p/><div/>"
	    "</body></html></xsl:template></xsl:stylesheet>";
	static const char	 doc[] =
	    "<t><a>a &amp; b &lt;c&gt; \"q\" 'q' 中文\t&#13;x</a>"
	    "<b>x'\"&lt;&gt;&amp;{y}</b><c>a b&amp;c</c><d>plain</d></t>";
	static const char	 doc2[] =
	    "<t><a>a &amp; b &lt;c&gt; \"q\" 中文&#13;</a>"
	    "<b>x'\"&lt;&gt;&amp;{y}</b><c>a&amp;c=1</c><d>p</d></t>";
	xmlDocPtr		 sd, in, res;
	xsltStylesheetPtr	 style;
	xmlChar			*want = NULL, *got = NULL;
	int			 wantsz = 0, gotsz = 0, rc;

	sd = xmlReadMemory(xsl, sizeof(xsl) - 1, "t.xsl", NULL, 0);
	ck_assert_ptr_nonnull(sd);
	style = xsltParseStylesheetDoc(sd);
	ck_assert_ptr_nonnull(style);
	in = xmlReadMemory(doc, sizeof(doc) - 1, "t.xml", NULL, 0);
	ck_assert_ptr_nonnull(in);
	res = xsltApplyStylesheet(style, in, NULL);
	ck_assert_ptr_nonnull(res);
	ck_assert_int_eq(xsltSaveResultToString(&want, &wantsz, res, style),
	    0);
	/* The href holds a space: a URL escape is left to libxslt. */
	rc = htmlout_doc(res, &got, &gotsz);
	ck_assert_int_eq(rc, 1);
	xmlFreeDoc(res);
	xmlFreeDoc(in);
	xmlFree(want);
	xsltFreeStylesheet(style);

	/* The same without the space in the href: written here. */
	sd = xmlReadMemory(xsl, sizeof(xsl) - 1, "t.xsl", NULL, 0);
	style = xsltParseStylesheetDoc(sd);
	in = xmlReadMemory(doc2, sizeof(doc2) - 1, "t.xml", NULL, 0);
	ck_assert_ptr_nonnull(in);
	res = xsltApplyStylesheet(style, in, NULL);
	ck_assert_ptr_nonnull(res);
	want = NULL;
	ck_assert_int_eq(xsltSaveResultToString(&want, &wantsz, res, style),
	    0);
	rc = htmlout_doc(res, &got, &gotsz);
	ck_assert_int_eq(rc, 0);
	ck_assert_msg(gotsz == wantsz && memcmp(got, want, wantsz) == 0,
	    "differs:\n%s\n----\n%s", got, want);
	ck_assert_ptr_nonnull(strstr((const char *)got, "&amp;c=1"));
	xmlFree(got);
	xmlFree(want);
	xmlFreeDoc(res);
	xmlFreeDoc(in);
	xsltFreeStylesheet(style);
}
END_TEST

/* Arena memory holds what was written until the end; memory from
 * before the window is still the C library's (realloc keeps it). */
START_TEST(arena_keeps_and_releases)
{
	xmlChar	*outside, *inside, *grown;
	int	 i;

	ck_assert_int_eq(xmlarena_install(), 0);
	outside = xmlStrdup((const xmlChar *)"outside");
	ck_assert_ptr_nonnull(outside);
	for (i = 0; i < 3; i++) {
		xmlarena_begin();
		inside = xmlStrdup((const xmlChar *)"inside");
		ck_assert_ptr_nonnull(inside);
		grown = xmlRealloc(inside, 400000);	/* past a block */
		ck_assert_ptr_nonnull(grown);
		ck_assert_str_eq((const char *)grown, "inside");
		outside = xmlRealloc(outside, 64);
		ck_assert_str_eq((const char *)outside, "outside");
		xmlFree(grown);
		ck_assert_str_eq((const char *)outside, "outside");
		xmlarena_end();
	}
	xmlFree(outside);
	xmlMemSetup(free, malloc, realloc, strdup);
}
END_TEST

/* A freed arena allocation is given back to the next allocation of its
 * size class (a render reuses its memory instead of touching fresh
 * pages), also the old copy a realloc leaves; what is still held keeps
 * its bytes, and classes do not mix. */
START_TEST(arena_reuses_freed)
{
	xmlChar	*a, *b, *c, *d, *big, *big2, *grown;

	ck_assert_int_eq(xmlarena_install(), 0);
	xmlarena_begin();
	a = xmlMalloc(100);
	b = xmlStrdup((const xmlChar *)"kept");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	xmlFree(a);
	c = xmlMalloc(99);		/* same class as 100: a again */
	ck_assert_ptr_eq(c, a);
	d = xmlMalloc(200);		/* another class: not a */
	ck_assert_ptr_ne(d, a);
	big = xmlMalloc(4000);		/* the 4 KB class */
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', 4000);
	xmlFree(big);
	big2 = xmlMalloc(4096);
	ck_assert_ptr_eq(big2, big);
	grown = xmlRealloc(c, 5000);	/* c's old bytes go back */
	ck_assert_ptr_ne(grown, c);
	ck_assert_ptr_eq(xmlMalloc(97), c);
	ck_assert_str_eq((const char *)b, "kept");
	xmlarena_end();
	xmlMemSetup(free, malloc, realloc, strdup);
}
END_TEST

/* The program of sample path (its file name up to the first '-'). */
static void
sample_prog(const char *path, char *prog, size_t progsz)
{
	char	 base[256], *dash;

	snprintf(base, sizeof(base), "%s", path);
	snprintf(prog, progsz, "%s", basename(base));
	if ((dash = strchr(prog, '-')) != NULL)
		*dash = '\0';
}

/* Every sample rendered from its frame is the page the whole
 * transform writes, the first time (frame drawn) and the second (frame
 * kept), with the frames of earlier samples (other units, a reviewer)
 * kept meanwhile. */
START_TEST(render_matches_whole_transform)
{
	glob_t			 g;
	size_t			 i, k;
	char			 prog[256], last[256] = "", xsl[300];
	xsltStylesheetPtr	 style = NULL;
	xmlDocPtr		 in, res;
	xmlChar			*want, *got;
	int			 wantsz, gotsz;

	ck_assert_int_eq(glob("xsl/*.xml", 0, NULL, &g), 0);
	for (i = 0; i < g.gl_pathc; i++) {
		sample_prog(g.gl_pathv[i], prog, sizeof(prog));
		if (strcmp(prog, last) != 0) {
			if (style != NULL)
				xsltFreeStylesheet(style);
			render_forget();
			snprintf(xsl, sizeof(xsl), "../xsl/%s.xsl", prog);
			style = xsltParseStylesheetFile((const xmlChar *)xsl);
			ck_assert_msg(style != NULL, "cannot load %s", xsl);
			snprintf(last, sizeof(last), "%s", prog);
		}
		in = xmlReadFile(g.gl_pathv[i], NULL, XML_PARSE_NONET);
		ck_assert_ptr_nonnull(in);
		res = xsltApplyStylesheet(style, in, NULL);
		ck_assert_ptr_nonnull(res);
		want = NULL;
		ck_assert_int_eq(xsltSaveResultToString(&want, &wantsz, res,
		    style), 0);
		xmlFreeDoc(res);
		for (k = 0; k < 2; k++) {
			got = render_html(style, NULL, in, &gotsz);
			ck_assert_msg(got != NULL, "%s: render failed",
			    g.gl_pathv[i]);
			ck_assert_msg(gotsz == wantsz &&
			    memcmp(got, want, wantsz) == 0,
			    "%s (%zu): render_html differs (%d bytes, "
			    "libxslt %d)", g.gl_pathv[i], k, gotsz, wantsz);
			xmlFree(got);
		}
		xmlFree(want);
		xmlFreeDoc(in);
	}
	xsltFreeStylesheet(style);
	render_forget();
	globfree(&g);
}
END_TEST

/* A unit's 首页 is written from its frame: drawn once for the first
 * page of a kind, kept, and the same bytes as the whole transform each
 * time.  Empty lists with a total of 0 are in the frame (their own
 * key); lists with rows or counts are holes; the task page is another
 * view, another frame. */
START_TEST(render_fills_kept_frame)
{
	const char		*samples[] = { "xsl/home-index-zero.xml",
	    "xsl/home-index-empty.xml", "xsl/home-task.xml" };
	xsltStylesheetPtr	 style;
	xmlDocPtr		 in, res;
	xmlChar			*want, *got;
	int			 wantsz, gotsz;
	size_t			 i, k;

	render_forget();
	style = xsltParseStylesheetFile((const xmlChar *)"../xsl/home.xsl");
	ck_assert_ptr_nonnull(style);
	for (i = 0; i < 3; i++) {
		in = xmlReadFile(samples[i], NULL, XML_PARSE_NONET);
		ck_assert_ptr_nonnull(in);
		res = xsltApplyStylesheet(style, in, NULL);
		ck_assert_ptr_nonnull(res);
		want = NULL;
		ck_assert_int_eq(xsltSaveResultToString(&want, &wantsz, res,
		    style), 0);
		xmlFreeDoc(res);
		for (k = 0; k < 3; k++) {
			got = render_html(style, NULL, in, &gotsz);
			ck_assert_ptr_nonnull(got);
			ck_assert_msg(gotsz == wantsz &&
			    memcmp(got, want, wantsz) == 0,
			    "%s: the filled frame differs", samples[i]);
			xmlFree(got);
			/* One frame per view, drawn on the first render. */
			ck_assert_uint_eq(render_frames(), i + 1);
		}
		xmlFree(want);
		xmlFreeDoc(in);
	}
	xsltFreeStylesheet(style);
	render_forget();
	ck_assert_uint_eq(render_frames(), 0);
}
END_TEST

static Suite *
render_suite(void)
{
	Suite	*s = suite_create("render");
	TCase	*tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, htmlout_matches_libxslt);
	tcase_add_test(tc, htmlout_escapes_like_libxslt);
	tcase_add_test(tc, render_matches_whole_transform);
	tcase_add_test(tc, render_fills_kept_frame);
	tcase_add_test(tc, arena_keeps_and_releases);
	tcase_add_test(tc, arena_reuses_freed);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(render_suite)
