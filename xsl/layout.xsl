<?xml version="1.0" encoding="UTF-8"?>
<!--
  layout.xsl: the 网厅 frame every page of the hall shares.  Each
  program's stylesheet imports this file and defines the body of its
  views as <xsl:template match="page[@view='…']" mode="content">.

  The frame: a blue header band (title, the user's unit and name, 退出),
  the top menu of categories, the left menu of the current category
  (/page/@category; both drawn from /page/menus, which page.c builds
  from the registered businesses), a breadcrumb, the certificate expiry warning,
  <message>s and form-level <errors>, then the view.  Pages without a
  session (login, verify) get the header band only.  The error view
  (page[@view='error']), the login box and the relogin view (a form
  posted after the session ended) are defined here.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="common.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"
              doctype-system="about:legacy-compat"/>

  <!-- The issuing authority (HALL_ORG, page/@org), and a placeholder
       where none is configured (the stylesheet samples).  A template,
       not a global variable: a global is worked out on every request,
       and only the frame and a few views use it (substring(…, 1 div
       false()) is ''). -->
  <xsl:template name="org">
    <xsl:value-of select="concat(/page/@org, substring('XX市人力资源和社会保障局', 1 div not(/page/@org != '')))"/>
  </xsl:template>

  <!-- Set when a session is present. -->
  <xsl:variable name="sess" select="/page/session"/>
  <xsl:variable name="is-reviewer" select="$sess/@kind = 'reviewer'"/>
  <!-- Menus are hidden until the initial password is changed: no other
       page is allowed then. -->
  <xsl:variable name="menus" select="boolean($sess) and not($sess/@must-change = '1')"/>

  <!-- The frame drawn once per worker (lib/render.c).  Empty (xsltproc,
       the samples): the whole page.  'splice': <hall-frame key="…">
       with one <hall-fill> per hole of the frame, in order (the
       dynamic parts only: the user and the CSRF field, the messages, the view or the
       holes of a framed view); the program writes the frame it drew
       before for that key with each fill in its hole.  'frame': the
       whole page with <hall-hole/> in place of each fill, drawn for
       the cache.  The key holds everything the frame depends on
       besides /page/menus (the same for every page of a process):
       change it with the frame.  A page with a breadcrumb is drawn
       whole. -->
  <xsl:param name="hall-part" select="''"/>
  <!-- The views whose content template draws holes itself ('|v|w|'),
       with a template in mode fills giving their fills; any other
       view is one hole. -->
  <xsl:variable name="framed-views" select="''"/>
  <!-- What else a program's frames depend on, added to the key. -->
  <xsl:variable name="frame-key-extra" select="''"/>

  <!-- The document, or the fills of its frame. -->
  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$hall-part = 'splice' and not(page/breadcrumb)">
        <xsl:apply-templates select="page" mode="splice"/>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="page"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The fills of the page's frame, in the order of its holes. -->
  <xsl:template match="page" mode="splice">
    <hall-frame key="{concat(@prog, '|', @view, '|', @category, '|', boolean($sess), boolean($is-reviewer), $menus, count(menus), '|', cert/@kind, '|', @org, '|', $frame-key-extra, '|', @title)}">
      <xsl:if test="$sess">
        <hall-fill><xsl:call-template name="who-unit"/></hall-fill>
        <hall-fill><xsl:call-template name="who-user"/></hall-fill>
        <hall-fill><xsl:call-template name="csrf"/></hall-fill>
      </xsl:if>
      <hall-fill>
        <xsl:call-template name="cert-warning"/>
        <xsl:call-template name="messages"/>
      </hall-fill>
      <xsl:choose>
        <xsl:when test="contains($framed-views, concat('|', @view, '|'))">
          <xsl:apply-templates select="." mode="fills"/>
        </xsl:when>
        <xsl:otherwise>
          <hall-fill><xsl:apply-templates select="." mode="content"/></hall-fill>
        </xsl:otherwise>
      </xsl:choose>
    </hall-frame>
  </xsl:template>

  <!-- The whole document. -->
  <xsl:template match="/page">
    <html lang="zh-CN">
      <head>
        <!-- libxslt's html output always writes this http-equiv form
             (it adds one when missing), and HTML forbids it together
             with <meta charset>, so this is the one declaration. -->
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <!-- An import job's progress page (task.xsl) reloads itself:
             no script needed.  Depends on the view only (frame key). -->
        <xsl:if test="@view = 'batch-import'"><meta http-equiv="refresh" content="2"/></xsl:if>
        <title>
          <xsl:if test="@title != ''"><xsl:value-of select="@title"/> - </xsl:if>
          <xsl:call-template name="org"/>
          <xsl:text>网上服务大厅</xsl:text>
        </title>
        <link rel="stylesheet" href="/static/hall.css"/>
        <script src="/static/hall.js" defer="defer"></script>
      </head>
      <body class="prog-{@prog} view-{@view}">
        <xsl:call-template name="band"/>
        <xsl:if test="$menus"><xsl:call-template name="top-menu"/></xsl:if>
        <div class="frame">
          <xsl:if test="$menus"><xsl:call-template name="left-menu"/></xsl:if>
          <main class="content">
            <xsl:if test="not($menus)"><xsl:attribute name="class">content wide</xsl:attribute></xsl:if>
            <xsl:if test="$menus">
              <xsl:call-template name="breadcrumb"/>
            </xsl:if>
            <xsl:choose>
              <xsl:when test="$hall-part = 'frame'"><hall-hole/></xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="cert-warning"/>
                <xsl:call-template name="messages"/>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:choose>
              <xsl:when test="$hall-part = 'frame' and not(contains($framed-views, concat('|', @view, '|')))"><hall-hole/></xsl:when>
              <xsl:otherwise><xsl:apply-templates select="." mode="content"/></xsl:otherwise>
            </xsl:choose>
          </main>
        </div>
        <footer class="foot">
          <p>主办单位: <xsl:call-template name="org"/> · 社会保险咨询服务热线 12333</p>
          <p>
            <xsl:text>建议使用 1280×800 以上分辨率浏览</xsl:text>
            <xsl:if test="@prog != 'verify'"> · 本系统须使用经办机构签发的数字证书登录</xsl:if>
          </p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- The blue header band: title, and the user with 退出 when logged in. -->
  <xsl:template name="band">
    <header class="band">
      <div class="brand">
        <span class="emblem" aria-hidden="true">人社</span>
        <span class="title">
          <span class="org"><xsl:call-template name="org"/></span>
          <span class="hall">
            <xsl:text>网上服务大厅</xsl:text>
            <xsl:choose>
              <xsl:when test="$is-reviewer or /page/cert/@kind = 'reviewer'">(经办机构)</xsl:when>
              <xsl:when test="/page/@prog = 'verify'"> · 回执验证</xsl:when>
              <xsl:otherwise>(单位)</xsl:otherwise>
            </xsl:choose>
          </span>
        </span>
      </div>
      <xsl:call-template name="who"/>
    </header>
  </xsl:template>

  <!-- The user box of the header band: unit, user, 首页 and 退出; in
       a frame, holes for the unit, the user and the CSRF field. -->
  <xsl:template name="who">
    <xsl:if test="$sess">
      <div class="who">
        <xsl:choose>
          <xsl:when test="$hall-part = 'frame'"><hall-hole/></xsl:when>
          <xsl:otherwise><xsl:call-template name="who-unit"/></xsl:otherwise>
        </xsl:choose>
        <span class="user">
          <xsl:choose>
            <xsl:when test="$is-reviewer">审核员: </xsl:when>
            <xsl:otherwise>经办人: </xsl:otherwise>
          </xsl:choose>
          <xsl:choose>
            <xsl:when test="$hall-part = 'frame'"><hall-hole/></xsl:when>
            <xsl:otherwise><xsl:call-template name="who-user"/></xsl:otherwise>
          </xsl:choose>
        </span>
        <xsl:if test="$menus">
          <a class="home-link">
            <xsl:attribute name="href">
              <xsl:choose>
                <xsl:when test="$is-reviewer">/review</xsl:when>
                <xsl:otherwise>/home</xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
            <xsl:text>首页</xsl:text>
          </a>
        </xsl:if>
        <form class="logout" method="post" action="/login/logout">
          <xsl:choose>
            <xsl:when test="$hall-part = 'frame'"><hall-hole/></xsl:when>
            <xsl:otherwise><xsl:call-template name="csrf"/></xsl:otherwise>
          </xsl:choose>
          <button type="submit" class="btn-link">退出</button>
        </form>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- The unit of the session, in the user box. -->
  <xsl:template name="who-unit">
    <xsl:if test="$sess/@unit != ''">
      <span class="unit"><xsl:value-of select="$sess/@unit"/></span>
    </xsl:if>
    <xsl:if test="$sess/@vip = '1'"><span class="badge badge-vip">VIP</span></xsl:if>
  </xsl:template>

  <!-- The user of the session, in the user box. -->
  <xsl:template name="who-user">
    <xsl:value-of select="$sess/@name"/>
    <xsl:if test="$sess/@username != ''">
      <span class="username">(<xsl:value-of select="$sess/@username"/>)</span>
    </xsl:if>
  </xsl:template>

  <!-- The top menu of categories (unit) or 审核工作台 (reviewer).  A
       unit's categories are /page/menus/category (page.c, from the
       registered businesses and lib/businesses.c), in order: a link
       when something of the category is online (@href), grey
       otherwise; marked current when it is /page/@category. -->
  <xsl:template name="top-menu">
    <nav class="topmenu" aria-label="业务分类">
      <ul>
        <xsl:choose>
          <xsl:when test="$is-reviewer">
            <li class="current"><a href="/review">审核工作台</a></li>
          </xsl:when>
          <xsl:otherwise>
            <xsl:for-each select="/page/menus/category">
              <xsl:variable name="current" select="@code = /page/@category"/>
              <li>
                <xsl:if test="$current"><xsl:attribute name="class">current</xsl:attribute></xsl:if>
                <xsl:choose>
                  <xsl:when test="@href != ''">
                    <a href="{@href}">
                      <xsl:if test="$current"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
                      <xsl:value-of select="@title"/>
                    </a>
                  </xsl:when>
                  <xsl:otherwise>
                    <span class="disabled" title="暂未开通,请到经办机构办理"><xsl:value-of select="@title"/></span>
                  </xsl:otherwise>
                </xsl:choose>
              </li>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
      </ul>
    </nav>
  </xsl:template>

  <!-- One left-menu entry: a link when $href is set, grey when not;
       current when $label is one of the current page's labels. -->
  <xsl:template name="left-item">
    <xsl:param name="label"/>
    <xsl:param name="href" select="''"/>
    <xsl:param name="here"/>
    <li>
      <xsl:if test="$label = $here"><xsl:attribute name="class">current</xsl:attribute></xsl:if>
      <xsl:choose>
        <xsl:when test="$href != ''">
          <a href="{$href}">
            <xsl:if test="$label = $here"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
            <xsl:value-of select="$label"/>
          </a>
        </xsl:when>
        <xsl:otherwise>
          <span class="disabled" title="暂未开通,请到经办机构办理"><xsl:value-of select="$label"/></span>
        </xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <!-- The left menu: the entries of the current category
       (/page/menus/category[@code = /page/@category]), else 常用业务
       (/page/menus/common); the reviewer's own. -->
  <xsl:template name="left-menu">
    <xsl:variable name="cat" select="/page/menus/category[@code = /page/@category][entry]"/>
    <xsl:variable name="menu" select="$cat | /page/menus/common[not($cat)]"/>
    <!-- The labels of the current page (the title and the breadcrumb
         items after 首页), to highlight its entry. -->
    <xsl:variable name="here"
        select="/page/@title | /page/breadcrumb/item[position() &gt; 1 or last() = 1]"/>
    <aside class="leftmenu">
      <h2>
        <span aria-hidden="true">∷ </span>
        <xsl:choose>
          <xsl:when test="$is-reviewer">审核工作台</xsl:when>
          <xsl:otherwise><xsl:value-of select="$menu/@title"/></xsl:otherwise>
        </xsl:choose>
      </h2>
      <nav aria-label="业务菜单">
        <ul>
          <xsl:choose>
            <xsl:when test="$is-reviewer">
              <xsl:call-template name="left-item">
                <xsl:with-param name="label">待审核业务</xsl:with-param>
                <xsl:with-param name="href">/review</xsl:with-param>
                <xsl:with-param name="here" select="$here"/>
              </xsl:call-template>
              <xsl:call-template name="left-item">
                <xsl:with-param name="label">审核记录</xsl:with-param>
                <xsl:with-param name="href">/review?state=done</xsl:with-param>
                <xsl:with-param name="here" select="$here"/>
              </xsl:call-template>
              <xsl:call-template name="left-item">
                <xsl:with-param name="label">缴费到帐确认</xsl:with-param>
                <xsl:with-param name="href">/bujiao/confirm</xsl:with-param>
                <xsl:with-param name="here" select="$here"/>
              </xsl:call-template>
              <xsl:call-template name="left-item">
                <xsl:with-param name="label">监管</xsl:with-param>
                <xsl:with-param name="href">/jiandu</xsl:with-param>
                <xsl:with-param name="here" select="$here"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:for-each select="$menu/entry">
                <xsl:call-template name="left-item">
                  <xsl:with-param name="label" select="string(@label)"/>
                  <xsl:with-param name="href" select="string(@href)"/>
                  <xsl:with-param name="here" select="$here"/>
                </xsl:call-template>
              </xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
        </ul>
      </nav>
    </aside>
  </xsl:template>

  <!-- 首页 › … from /page/breadcrumb/item, else 首页 › @title. -->
  <xsl:template name="breadcrumb">
    <nav class="crumbs" aria-label="当前位置">
      <xsl:choose>
        <xsl:when test="/page/breadcrumb/item">
          <xsl:for-each select="/page/breadcrumb/item">
            <xsl:if test="position() != 1"><span class="sep" aria-hidden="true"> › </span></xsl:if>
            <xsl:choose>
              <xsl:when test="position() != last() and @href != ''">
                <xsl:call-template name="link">
                  <xsl:with-param name="href" select="@href"/>
                  <xsl:with-param name="label" select="."/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise>
                <span class="here"><xsl:value-of select="."/></span>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:choose>
            <xsl:when test="/page/@title = '首页' or /page/@title = ''">
              <span class="here">首页</span>
            </xsl:when>
            <xsl:otherwise>
              <a>
                <xsl:attribute name="href">
                  <xsl:choose>
                    <xsl:when test="$is-reviewer">/review</xsl:when>
                    <xsl:otherwise>/home</xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
                <xsl:text>首页</xsl:text>
              </a>
              <span class="sep" aria-hidden="true"> › </span>
              <span class="here"><xsl:value-of select="/page/@title"/></span>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:otherwise>
      </xsl:choose>
    </nav>
  </xsl:template>

  <!-- The certificate expiry warning: session/@cert-days-left <= 30,
       red when <= 7. -->
  <xsl:template name="cert-warning">
    <xsl:if test="$sess/@cert-days-left &lt;= 30">
      <xsl:variable name="d" select="number($sess/@cert-days-left)"/>
      <div role="alert">
        <xsl:attribute name="class">
          <xsl:choose>
            <xsl:when test="$d &lt;= 7">msg msg-error cert-warning</xsl:when>
            <xsl:otherwise>msg msg-warn cert-warning</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:choose>
          <xsl:when test="$d &lt;= 0">您的数字证书今天到期</xsl:when>
          <xsl:otherwise>您的数字证书将于 <strong><xsl:value-of select="$d"/></strong> 天后到期</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$sess/@cert-not-after != ''">(有效期至 <xsl:value-of select="$sess/@cert-not-after"/>)</xsl:if>
        <xsl:text>,请及时到经办机构办理续期。</xsl:text>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- The <message>s, then form-level errors, and a summary line when
       fields have errors and no error message says so already. -->
  <xsl:template name="messages">
    <!-- One test on a page without any. -->
    <xsl:if test="/page/message or /page/errors/error">
      <xsl:for-each select="/page/message">
        <xsl:variable name="k">
          <xsl:choose>
            <xsl:when test="@kind = 'ok' or @kind = 'warn' or @kind = 'error'"><xsl:value-of select="@kind"/></xsl:when>
            <xsl:otherwise>info</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <div class="msg msg-{$k}">
          <xsl:attribute name="role">
            <xsl:choose>
              <xsl:when test="$k = 'error'">alert</xsl:when>
              <xsl:otherwise>status</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:call-template name="linked-text"><xsl:with-param name="t" select="."/></xsl:call-template>
        </div>
      </xsl:for-each>
      <xsl:for-each select="/page/errors/error[not(@field) or @field = '']">
        <div class="msg msg-error" role="alert"><xsl:call-template name="linked-text"><xsl:with-param name="t" select="."/></xsl:call-template></div>
      </xsl:for-each>
      <!-- Every error tied to a field is also listed here, at the top:
           some pages have no spot for a field (the reviewer's detail
           page for a rule of the business, a batch's result page for a
           row's rule), and a clerk who does not see why will not know
           what to change. -->
      <xsl:if test="/page/errors/error[@field != '']">
        <div class="msg msg-error error-summary" role="alert">
          <!-- The sentence only when no message already says what
               happened (a warn: saved as a draft; an error: refused). -->
          <xsl:if test="not(/page/message[@kind = 'error' or @kind = 'warn'])">
            <p>提交的信息有误,请按红色提示修改后重新提交。</p>
          </xsl:if>
          <ul>
            <xsl:for-each select="/page/errors/error[@field != '']">
              <li><xsl:call-template name="linked-text"><xsl:with-param name="t" select="."/></xsl:call-template></li>
            </xsl:for-each>
          </ul>
        </div>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- The generic error view: a Chinese heading by status, the Chinese
       message, back to 首页.  error/@code (NOT_FOUND, BAD_STATE ...) is
       for machines reading the XML and is never shown to a person. -->
  <xsl:template match="page[@view = 'error']" mode="content">
    <section class="error-page">
      <h1>
        <xsl:choose>
          <xsl:when test="error/@status = '401'">请先登录</xsl:when>
          <xsl:when test="error/@status = '403'">无权访问</xsl:when>
          <xsl:when test="error/@status = '404'">页面不存在</xsl:when>
          <xsl:when test="error/@status = '405' or error/@status = '415' or error/@status = '400'">请求无效</xsl:when>
          <xsl:when test="error/@status = '409'">业务状态已变化</xsl:when>
          <xsl:when test="error/@status = '413'">提交的内容过大</xsl:when>
          <xsl:when test="error/@status = '422'">提交的信息有误</xsl:when>
          <xsl:when test="error/@status = '503'">系统繁忙</xsl:when>
          <xsl:otherwise>无法完成操作</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="error/@status != ''">
          <span class="status">(<xsl:value-of select="error/@status"/>)</span>
        </xsl:if>
      </h1>
      <p class="error-text">
        <xsl:choose>
          <xsl:when test="normalize-space(error) != ''"><xsl:value-of select="error"/></xsl:when>
          <xsl:otherwise>系统暂时无法处理您的请求,请稍后再试。</xsl:otherwise>
        </xsl:choose>
      </p>
      <p class="actions">
        <a class="btn">
          <xsl:attribute name="href">
            <xsl:choose>
              <xsl:when test="$is-reviewer">/review</xsl:when>
              <xsl:when test="$sess">/home</xsl:when>
              <xsl:otherwise>/login</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:text>返回首页</xsl:text>
        </a>
      </p>
    </section>
  </xsl:template>

  <!-- The login box: the heading for a unit or the office, the
       certificate, its expiry warning and the form posting to /login
       with next= (the page to return to) and hall_kept (the form kept
       when the session ended), from <cert> and <login>; the notice of
       an unbound certificate when <cert> is absent.  The login page
       shows it, and so does any program in place of a form posted
       after the session ended (view relogin). -->
  <xsl:template name="login-box">
    <section class="login-box">
      <h1>
        <xsl:choose>
          <xsl:when test="cert/@kind = 'reviewer'">经办机构用户登录</xsl:when>
          <xsl:otherwise>单位用户登录</xsl:otherwise>
        </xsl:choose>
      </h1>
      <xsl:choose>
        <xsl:when test="cert">
          <p class="cert-line">
            <span class="label">当前数字证书: </span>
            <span class="mono"><xsl:value-of select="cert/@subject"/></span>
          </p>
          <xsl:variable name="d" select="number(cert/@days-left)"/>
          <xsl:if test="$d &lt;= 30">
            <div role="alert">
              <xsl:attribute name="class">
                <xsl:choose>
                  <xsl:when test="$d &lt;= 7">msg msg-error</xsl:when>
                  <xsl:otherwise>msg msg-warn</xsl:otherwise>
                </xsl:choose>
              </xsl:attribute>
              <xsl:text>您的数字证书将于 </xsl:text>
              <strong><xsl:value-of select="$d"/></strong>
              <xsl:text> 天后到期,请及时到经办机构办理续期。</xsl:text>
            </div>
          </xsl:if>
          <form method="post" action="/login" class="form login-form" autocomplete="off">
            <xsl:if test="login/@next != ''">
              <input type="hidden" name="next" value="{login/@next}"/>
            </xsl:if>
            <xsl:if test="login/@kept != ''">
              <input type="hidden" name="hall_kept" value="{login/@kept}"/>
            </xsl:if>
            <table class="form-grid">
              <tr>
                <xsl:call-template name="input-cells">
                  <xsl:with-param name="label">用户名</xsl:with-param>
                  <xsl:with-param name="name">username</xsl:with-param>
                  <xsl:with-param name="value" select="login/@username[. != ''] | cert/@username[not(../../login/@username != '')]"/>
                  <xsl:with-param name="required" select="true()"/>
                  <xsl:with-param name="maxlength">64</xsl:with-param>
                  <xsl:with-param name="autocomplete">username</xsl:with-param>
                </xsl:call-template>
              </tr>
              <tr>
                <xsl:call-template name="input-cells">
                  <xsl:with-param name="label">密码</xsl:with-param>
                  <xsl:with-param name="name">password</xsl:with-param>
                  <xsl:with-param name="type">password</xsl:with-param>
                  <xsl:with-param name="required" select="true()"/>
                  <xsl:with-param name="maxlength">128</xsl:with-param>
                  <xsl:with-param name="autocomplete">current-password</xsl:with-param>
                </xsl:call-template>
              </tr>
            </table>
            <p class="buttons"><button type="submit" class="btn btn-primary">登录</button></p>
          </form>
          <xsl:if test="login/@kept != ''">
            <p class="note kept-note">您填写的内容已保留30分钟。登录后将显示保留的内容,请核对后点击“继续提交”。</p>
          </xsl:if>
          <p class="note">首次登录须修改初始密码;连续5次密码错误将锁定15分钟。</p>
        </xsl:when>
        <xsl:otherwise>
          <xsl:if test="not(/page/message[. = '您的数字证书未绑定网厅账户,请到经办机构办理'])">
            <div class="msg msg-error" role="alert">您的数字证书未绑定网厅账户,请到经办机构办理</div>
          </xsl:if>
          <p class="note">请携带单位经办人身份证及授权委托书到辖区社保经办机构办理网上办事资格。</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- A form posted after the session ended (401): the <message> says
       the login timed out and whether the form was kept; the login box
       follows. -->
  <xsl:template match="page[@view = 'relogin']" mode="content">
    <xsl:call-template name="login-box"/>
  </xsl:template>

  <!-- A view the program's stylesheet does not know: a plain notice,
       never the raw text of the document. -->
  <xsl:template match="page" mode="content">
    <section class="error-page">
      <h1>页面暂不可用</h1>
      <p class="error-text">该页面暂时无法显示,请返回首页后重试。</p>
    </section>
  </xsl:template>

  <!-- Nothing in mode content falls through to the built-in text rule. -->
  <xsl:template match="node()" mode="content"/>


  <!-- The verification box at the foot of a receipt (print.xsl,
       jisuan.xsl), with the QR code
       (verify/qr: its modules as one SVG path, 4 modules of quiet zone)
       and the link to its PDF (same receipt, lib/pdf.c). -->
  <xsl:template name="verify-box">
    <div class="verify-box">
      <xsl:if test="verify/qr/@d != ''">
        <svg class="receipt-qr" viewBox="-4 -4 {verify/qr/@size + 8} {verify/qr/@size + 8}" width="108" height="108" role="img" aria-label="回执验证二维码" shape-rendering="crispEdges">
          <rect x="-4" y="-4" width="{verify/qr/@size + 8}" height="{verify/qr/@size + 8}" fill="#fff"/>
          <path d="{verify/qr/@d}" fill="#000"/>
        </svg>
      </xsl:if>
      <p>
        <xsl:text>验证码: </xsl:text>
        <strong class="mono verify-code"><xsl:value-of select="receipt/@code"/></strong>
        <xsl:text>  出具日期: </xsl:text>
        <xsl:value-of select="receipt/@issued"/>
      </p>
      <p>
        <xsl:text>可凭回执编号和验证码在 </xsl:text>
        <span class="mono"><xsl:value-of select="verify/@url"/></span>
        <xsl:text> 查验真伪。</xsl:text>
      </p>
    </div>
  </xsl:template>
</xsl:stylesheet>
