<?xml version="1.0" encoding="UTF-8"?>
<!--
  print.xsl: 业务打印 (cgi-bin/print.c).  Views:
    list     the unit's printable receipts, in the 网厅 frame;
    notyet   「暂不能打印」: a receipt before its first day (409);
    and one view per receipt kind (struct wf_receipt, view), an A4 sheet
    on a print-only page (any page with an issued <receipt no=...>):
    zonghe   《综合业务处理单》, also what a kind without a sheet of its
             own prints as;
    tuigong  《退工登记证明》;
    yonggong 《用工备案表》;
    zengyuan 《企业参保人员增员表》;
    jjbc     《经济补偿金计算表》 of a 退工 (the sheet is in jisuan.xsl).
  A task's list rows (persons/person, from the business's rows()) print
  as a table on either sheet.
  The receipt pages use no session data (user, token, dates of today)
  so that the same receipt prints byte-identical for anyone, any day.
  The 打印 button needs /static/hall.js (the CSP allows the hall's own
  scripts, never inline ones); without it the user prints with Ctrl+P, and
  hall.css's @media print hides the toolbar.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>
  <xsl:include href="jisuan.xsl"/>

  <!-- The receipt pages: a sheet and a no-print toolbar, no frame. -->
  <xsl:template match="/page[receipt/@no != '']">
    <html lang="zh-CN">
      <head>
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="@title"/> - <xsl:value-of select="receipt/@no"/></title>
        <link rel="stylesheet" href="/static/hall.css"/>
        <script src="/static/hall.js" defer="defer"></script>
      </head>
      <body class="prog-print view-{@view} print-page">
        <div class="print-toolbar no-print">
          <a class="btn" href="/print">返回业务打印</a>
          <xsl:text> </xsl:text>
          <button type="button" class="btn btn-primary" data-print="1">打印</button>
          <xsl:text> </xsl:text>
          <a class="btn receipt-pdf" href="/print/{receipt/@type}?id={business/@id}&amp;format=pdf">下载 PDF</a>
          <span class="print-hint">
            <xsl:text>打印: 请按 </xsl:text><kbd>Ctrl</kbd><xsl:text>+</xsl:text><kbd>P</kbd>
            <xsl:text>(Mac 为 </xsl:text><kbd>⌘</kbd><xsl:text>+</xsl:text><kbd>P</kbd>
            <xsl:text>),纸张选择 A4、纵向,页眉页脚选择「无」。</xsl:text>
          </span>
        </div>
        <xsl:apply-templates select="." mode="sheet"/>
      </body>
    </html>
  </xsl:template>

  <!-- The receipt's header: title, number, unit. -->
  <xsl:template name="sheet-head">
    <xsl:param name="title"/>
    <p class="receipt-org"><xsl:call-template name="org"/></p>
    <h1 class="receipt-title"><xsl:value-of select="$title"/></h1>
    <div class="receipt-meta">
      <span>业务顺序号: <span class="mono"><xsl:value-of select="business/@seq"/></span></span>
      <span>回执编号: <span class="mono"><xsl:value-of select="receipt/@no"/></span></span>
    </div>
  </xsl:template>

  <!-- Unit rows of a receipt table. -->
  <xsl:template name="unit-rows">
    <tr>
      <th>单位名称</th>
      <td colspan="3"><xsl:value-of select="unit/@name"/></td>
    </tr>
    <tr>
      <th>统一社会信用代码</th>
      <td class="mono"><xsl:value-of select="unit/@uscc"/></td>
      <th>单位社保编号</th>
      <td class="mono"><xsl:value-of select="unit/@sb-code"/></td>
    </tr>
  </xsl:template>

  <!-- The business's facts (describe()), two per row; $fields: those
       to show (all by default). -->
  <xsl:template name="detail-rows">
    <xsl:param name="fields" select="detail/field"/>
    <xsl:for-each select="$fields[position() mod 2 = 1]">
      <xsl:variable name="i" select="position()"/>
      <xsl:variable name="next" select="$fields[2 * $i]"/>
      <tr>
        <th><xsl:value-of select="@label"/></th>
        <xsl:choose>
          <xsl:when test="$next">
            <td><xsl:value-of select="."/></td>
            <th><xsl:value-of select="$next/@label"/></th>
            <td><xsl:value-of select="$next"/></td>
          </xsl:when>
          <xsl:otherwise>
            <td colspan="3"><xsl:value-of select="."/></td>
          </xsl:otherwise>
        </xsl:choose>
      </tr>
    </xsl:for-each>
  </xsl:template>

  <!-- Decision rows: 申请时间, 审核时间, 审核人. -->
  <xsl:template name="decision-rows">
    <tr>
      <th>申请时间</th>
      <td><xsl:value-of select="business/@submitted"/></td>
      <th>审核时间</th>
      <td><xsl:value-of select="business/@decided"/></td>
    </tr>
    <tr>
      <th>审核结果</th>
      <td>审核通过</td>
      <th>审核人</th>
      <td><xsl:value-of select="business/@reviewer"/></td>
    </tr>
  </xsl:template>

  <!-- The persons of the task's list (persons/person, with the
       business's key facts as fact elements), one row each, so that an
       ID number stays on one line and several persons stay legible.
       The columns of the facts are the first person's. -->
  <xsl:template name="person-table">
    <xsl:param name="idno-label">社会保障号码</xsl:param>
    <xsl:if test="persons/person">
      <table class="grid receipt-persons">
        <caption>人员名单(共 <xsl:value-of select="count(persons/person)"/> 人)</caption>
        <thead>
          <tr>
            <th>序号</th><th>姓名</th><th><xsl:value-of select="$idno-label"/></th>
            <xsl:for-each select="persons/person[1]/fact">
              <th><xsl:value-of select="@label"/></th>
            </xsl:for-each>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="persons/person">
            <tr>
              <td class="num"><xsl:value-of select="position()"/></td>
              <td><xsl:value-of select="@name"/></td>
              <td class="mono idno"><xsl:value-of select="@idno"/></td>
              <xsl:for-each select="fact">
                <td><xsl:value-of select="."/></td>
              </xsl:for-each>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>


  <!-- The office's seal (issuer/@seal: /print/seal.png, HALL_SEAL_PNG)
       over the issuing authority's name of a signature block. -->
  <xsl:template name="seal">
    <xsl:if test="issuer/@seal != ''">
      <img class="receipt-seal" src="{issuer/@seal}" alt="印章"/>
    </xsl:if>
  </xsl:template>

  <!-- 《综合业务处理单》, and any kind without a sheet of its own. -->
  <xsl:template match="page" mode="sheet">
    <article class="receipt">
      <xsl:call-template name="sheet-head">
        <xsl:with-param name="title" select="@title"/>
      </xsl:call-template>
      <table class="grid receipt-grid">
        <colgroup><col class="c-label"/><col class="c-value"/><col class="c-label"/><col class="c-value"/></colgroup>
        <tbody>
          <xsl:call-template name="unit-rows"/>
          <tr>
            <th>业务名称</th>
            <td><xsl:value-of select="business/@name"/></td>
            <th>业务顺序号</th>
            <td class="mono"><xsl:value-of select="business/@seq"/></td>
          </tr>
          <xsl:if test="not(detail/field) and business/@summary != ''">
            <tr>
              <th>业务摘要</th>
              <td colspan="3"><xsl:value-of select="business/@summary"/></td>
            </tr>
          </xsl:if>
          <xsl:call-template name="detail-rows"/>
          <xsl:call-template name="decision-rows"/>
        </tbody>
      </table>
      <xsl:call-template name="person-table"/>
      <xsl:call-template name="verify-box"/>
      <div class="signature">
        <xsl:call-template name="seal"/>
        <p>经办机构(业务专用章)</p>
        <p><xsl:value-of select="receipt/@issued"/></p>
      </div>
    </article>
  </xsl:template>

  <!-- 《撤销申请回执》: printable once submitted, so no decision rows; its
       number is the 撤销申请编号. -->
  <xsl:template match="page[@view = 'chexiao']" mode="sheet">
    <article class="receipt">
      <xsl:call-template name="sheet-head">
        <xsl:with-param name="title">撤销申请回执</xsl:with-param>
      </xsl:call-template>
      <p class="receipt-lead">
        <xsl:value-of select="unit/@name"/>
        <xsl:text>提交的撤销用工登记申请已受理,撤销申请编号 </xsl:text>
        <strong class="mono"><xsl:value-of select="receipt/@no"/></strong>
        <xsl:text>。</xsl:text>
      </p>
      <table class="grid receipt-grid">
        <colgroup><col class="c-label"/><col class="c-value"/><col class="c-label"/><col class="c-value"/></colgroup>
        <tbody>
          <xsl:call-template name="unit-rows"/>
          <xsl:call-template name="detail-rows"/>
          <tr>
            <th>申请时间</th>
            <td colspan="3"><xsl:value-of select="business/@submitted"/></td>
          </tr>
        </tbody>
      </table>
      <div class="receipt-notes">
        <p class="receipt-notes-title">温馨提示</p>
        <ol>
          <li>审核时间一般为1-5个工作日(部分地区最长7个工作日),审核结果在网上服务大厅“办理进度”和“消息中心”查看,也可凭撤销申请编号在“撤销申请查询”中查询。</li>
          <li>审核通过后用工登记状态变更为“已撤销”;被回退的,请按回退原因修改后重新提交。</li>
          <li>撤销用工登记不停止社保缴费,员工仍在本单位参保的,请同步办理减员。</li>
        </ol>
      </div>
      <xsl:call-template name="verify-box"/>
    </article>
  </xsl:template>

  <!-- 《退工登记证明》 with the reminders of [000 后续操作]. -->
  <xsl:template match="page[@view = 'tuigong']" mode="sheet">
    <article class="receipt">
      <xsl:call-template name="sheet-head">
        <xsl:with-param name="title">退工登记证明</xsl:with-param>
      </xsl:call-template>
      <p class="receipt-lead">
        <xsl:text>经审核,</xsl:text>
        <xsl:value-of select="unit/@name"/>
        <xsl:text>办理的下列人员退工登记已办结,特此证明。</xsl:text>
      </p>
      <table class="grid receipt-grid">
        <colgroup><col class="c-label"/><col class="c-value"/><col class="c-label"/><col class="c-value"/></colgroup>
        <tbody>
          <xsl:call-template name="unit-rows"/>
          <xsl:if test="not(detail/field) and business/@summary != ''">
            <tr>
              <th>退工人员</th>
              <td colspan="3"><xsl:value-of select="business/@summary"/></td>
            </tr>
          </xsl:if>
          <xsl:call-template name="detail-rows">
            <!-- 经济补偿 has its own sheet (jjbc). -->
            <xsl:with-param name="fields" select="detail/field[not(starts-with(@label, '经济补偿'))]"/>
          </xsl:call-template>
          <xsl:call-template name="decision-rows"/>
        </tbody>
      </table>
      <xsl:call-template name="person-table">
        <xsl:with-param name="idno-label">身份证号</xsl:with-param>
      </xsl:call-template>
      <div class="receipt-notes">
        <p class="receipt-notes-title">温馨提示</p>
        <ol>
          <li>请将本《退工登记证明》及社保转移指南(如有)送达员工,并告知其可通过网上服务大厅查询个人就业状态。</li>
          <li>员工档案由单位保管的,须在退工后15日内将档案转递至户籍地或就业地公共就业服务机构。</li>
          <li>退工信息已同步至人力资源和社会保障部门,员工可凭此办理失业登记和新单位就业登记。</li>
        </ol>
      </div>
      <xsl:call-template name="verify-box"/>
      <div class="signature">
        <xsl:call-template name="seal"/>
        <p>
          <xsl:choose>
            <xsl:when test="/page/@org-employment != ''"><xsl:value-of select="/page/@org-employment"/></xsl:when>
            <xsl:otherwise>XX市公共就业服务机构</xsl:otherwise>
          </xsl:choose>
          <xsl:text>(退工登记专用章)</xsl:text>
        </p>
        <p><xsl:value-of select="receipt/@issued"/></p>
      </div>
    </article>
  </xsl:template>

  <!-- 《用工备案表》: the registration as approved, for the unit's
       archive and the employee's file. -->
  <xsl:template match="page[@view = 'yonggong']" mode="sheet">
    <article class="receipt">
      <xsl:call-template name="sheet-head">
        <xsl:with-param name="title">用工备案表</xsl:with-param>
      </xsl:call-template>
      <p class="receipt-lead">
        <xsl:value-of select="unit/@name"/>
        <xsl:text>办理的下列人员用工备案已经审核通过,予以备案。</xsl:text>
      </p>
      <table class="grid receipt-grid">
        <colgroup><col class="c-label"/><col class="c-value"/><col class="c-label"/><col class="c-value"/></colgroup>
        <tbody>
          <xsl:call-template name="unit-rows"/>
          <xsl:if test="not(detail/field) and business/@summary != ''">
            <tr>
              <th>备案人员</th>
              <td colspan="3"><xsl:value-of select="business/@summary"/></td>
            </tr>
          </xsl:if>
          <xsl:call-template name="detail-rows"/>
          <xsl:call-template name="decision-rows"/>
        </tbody>
      </table>
      <xsl:call-template name="person-table">
        <xsl:with-param name="idno-label">身份证号</xsl:with-param>
      </xsl:call-template>
      <div class="receipt-notes">
        <p class="receipt-notes-title">温馨提示</p>
        <ol>
          <li>本表为用工备案凭证,请与劳动合同一并存档。</li>
          <li>全日制用工同一时间只能在一个单位备案;职工离职时,请在15日内办理退工登记。</li>
          <li>用工备案不代替社会保险登记,请及时为职工办理参保(增员)。</li>
        </ol>
      </div>
      <xsl:call-template name="verify-box"/>
      <div class="signature">
        <xsl:call-template name="seal"/>
        <p>
          <xsl:choose>
            <xsl:when test="/page/@org-employment != ''"><xsl:value-of select="/page/@org-employment"/></xsl:when>
            <xsl:otherwise>XX市公共就业服务机构</xsl:otherwise>
          </xsl:choose>
          <xsl:text>(用工备案专用章)</xsl:text>
        </p>
        <p><xsl:value-of select="receipt/@issued"/></p>
      </div>
    </article>
  </xsl:template>

  <!-- 《企业参保人员增员表》: printable once submitted (a 普通 unit brings
       it to the counter with the materials), so no decision rows. -->
  <xsl:template match="page[@view = 'zengyuan']" mode="sheet">
    <article class="receipt">
      <xsl:call-template name="sheet-head">
        <xsl:with-param name="title">企业参保人员增员表</xsl:with-param>
      </xsl:call-template>
      <table class="grid receipt-grid">
        <colgroup><col class="c-label"/><col class="c-value"/><col class="c-label"/><col class="c-value"/></colgroup>
        <tbody>
          <xsl:call-template name="unit-rows"/>
          <xsl:call-template name="detail-rows"/>
          <tr>
            <th>申请时间</th>
            <td colspan="3"><xsl:value-of select="business/@submitted"/></td>
          </tr>
        </tbody>
      </table>
      <xsl:call-template name="person-table"/>
      <div class="receipt-notes">
        <p class="receipt-notes-title">温馨提示</p>
        <ol>
          <!-- 送审期限: policy zengyuan.visit_before_day, only for a 普通 unit. -->
          <xsl:choose>
            <xsl:when test="detail/field[@label = '送审期限']">
              <li>请携带本表及职工身份证(或户口簿)复印件、劳动合同书(或用工证明)等资料,于<xsl:value-of select="detail/field[@label = '送审期限']"/>到所在辖区社保经办机构办理审核手续。</li>
            </xsl:when>
            <xsl:otherwise>
              <li>VIP单位请妥善留存以上资料并归档备查。</li>
            </xsl:otherwise>
          </xsl:choose>
          <li>提交审核后如发现信息录入错误,需到辖区社保经办机构办理信息订正手续。</li>
          <li>特殊人群(军转干、劳动模范等)请携带职工档案等相关资料到辖区社保经办机构办理特殊人群认定手续。</li>
        </ol>
      </div>
      <xsl:call-template name="verify-box"/>
      <div class="signature">
        <p>单位(盖章)  经办人(签字)</p>
        <p><xsl:value-of select="receipt/@issued"/></p>
      </div>
    </article>
  </xsl:template>

  <!-- 《综合业务处理单》 asked for on the day of approval (status 409): not
       an error, a date to come back on. -->
  <xsl:template match="page[@view = 'notyet']" mode="content">
    <section class="not-yet">
      <h1>暂不能打印</h1>
      <div class="msg msg-info" role="status">
        <p>
          <xsl:text>本业务(</xsl:text>
          <xsl:value-of select="business/@name"/>
          <xsl:text>,业务顺序号 </xsl:text>
          <span class="mono"><xsl:value-of select="business/@seq"/></span>
          <xsl:text>)于 </xsl:text>
          <xsl:value-of select="business/@decided"/>
          <xsl:text> 审核通过。</xsl:text>
        </p>
        <p>
          <xsl:text>审核通过的业务,可于次日打印《</xsl:text>
          <xsl:value-of select="receipt/@title"/>
          <xsl:text>》,本业务可于 </xsl:text>
          <strong class="print-from"><xsl:value-of select="error/@from"/></strong>
          <xsl:text> 起打印。</xsl:text>
        </p>
      </div>
      <div class="task-actions">
        <xsl:choose>
          <xsl:when test="/page/session/@kind = 'unit'">
            <a class="btn" href="/print">返回业务打印</a>
            <xsl:if test="business/@path != ''">
              <a class="btn" href="{business/@path}?id={business/@id}">查看业务</a>
            </xsl:if>
          </xsl:when>
          <xsl:otherwise>
            <a class="btn" href="/review">返回审核</a>
          </xsl:otherwise>
        </xsl:choose>
      </div>
    </section>
  </xsl:template>

  <!-- The list: every 结束 task with its printouts. -->
  <xsl:template match="page[@view = 'list']" mode="content">
    <xsl:call-template name="section">
      <xsl:with-param name="title">可打印的业务回执</xsl:with-param>
    </xsl:call-template>
    <p class="note">
      <xsl:text>审核通过的业务,可于次日打印《综合业务处理单》</xsl:text>
      <xsl:for-each select="kinds/kind">
        <xsl:text>;</xsl:text>
        <xsl:value-of select="@business-name"/>
        <xsl:text>审核通过后即可打印《</xsl:text>
        <xsl:value-of select="@title"/>
        <xsl:text>》</xsl:text>
      </xsl:for-each>
      <xsl:text>。打印页面请按 Ctrl+P 打印,纸张选择 A4。</xsl:text>
    </p>
    <table class="grid printable">
      <thead>
        <tr>
          <th>业务顺序号</th>
          <th>业务名称</th>
          <th>摘要</th>
          <th>审核通过时间</th>
          <th>审核方式</th>
          <th>打印</th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="printable/task">
          <tr>
            <td class="mono"><xsl:value-of select="@seq"/></td>
            <td><xsl:value-of select="@business-name"/></td>
            <td><xsl:value-of select="@summary"/></td>
            <td><xsl:value-of select="@decided"/></td>
            <td><xsl:value-of select="@decided-by"/></td>
            <td class="ops">
              <xsl:variable name="id" select="@id"/>
              <xsl:for-each select="print">
                <xsl:if test="position() != 1"><br/></xsl:if>
                <xsl:choose>
                  <xsl:when test="@ready = '1'">
                    <a class="op" href="/print/{@kind}?id={$id}">《<xsl:value-of select="@title"/>》</a>
                  </xsl:when>
                  <xsl:otherwise>
                    <span class="note print-later">《<xsl:value-of select="@title"/>》可于 <xsl:value-of select="@from"/> 起打印</span>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not(printable/task)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">6</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
    <xsl:call-template name="pager">
      <xsl:with-param name="total" select="printable/@total"/>
      <xsl:with-param name="page" select="printable/@page"/>
      <xsl:with-param name="size" select="printable/@per-page"/>
      <xsl:with-param name="base-url" select="'/print?'"/>
      <xsl:with-param name="unit">条</xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- 《经济补偿金计算表》 (lib/tuigong_comp.c). -->
  <xsl:template match="page[@view = 'jjbc']" mode="sheet">
    <xsl:call-template name="jjbc-sheet"/>
  </xsl:template>

  <!-- 欠费补缴 (lib/bujiao.c): the 作废 banner of a rolled-back 补缴. -->
  <xsl:template name="bujiao-void">
    <xsl:if test="contains(detail/field[@label = '状态'], '作废')">
      <p class="receipt-void" role="alert"><strong>作废</strong>:单位已办理欠费补缴回退,本表不能用于缴费。</p>
    </xsl:if>
  </xsl:template>

  <!-- 《单位社会保险费核定表》: totals per type and side, the instruction
       to pay at the tax office and bring the 税票 back. -->
  <xsl:template match="page[@view = 'bujiao-hd']" mode="sheet">
    <article class="receipt">
      <xsl:call-template name="sheet-head">
        <xsl:with-param name="title" select="@title"/>
      </xsl:call-template>
      <xsl:call-template name="bujiao-void"/>
      <table class="grid receipt-grid">
        <colgroup><col class="c-label"/><col class="c-value"/><col class="c-label"/><col class="c-value"/></colgroup>
        <tbody>
          <xsl:call-template name="unit-rows"/>
          <xsl:for-each select="detail/field[@label != '缴费说明']">
            <tr>
              <th><xsl:value-of select="@label"/></th>
              <td colspan="3"><xsl:value-of select="."/></td>
            </tr>
          </xsl:for-each>
          <xsl:call-template name="decision-rows"/>
        </tbody>
      </table>
      <xsl:if test="detail/field[@label = '缴费说明']">
        <p class="receipt-note"><strong>缴费说明:</strong><xsl:value-of select="detail/field[@label = '缴费说明']"/></p>
      </xsl:if>
      <xsl:call-template name="verify-box"/>
      <div class="signature">
        <xsl:call-template name="seal"/>
        <p>经办机构(业务专用章)</p>
        <p><xsl:value-of select="receipt/@issued"/></p>
      </div>
    </article>
  </xsl:template>

  <!-- 《社会保险费补缴明细表》: per person, the months and amounts (the
       month × type lines are in its .xlsx, /bujiao/xlsx). -->
  <xsl:template match="page[@view = 'bujiao-mx']" mode="sheet">
    <article class="receipt">
      <xsl:call-template name="sheet-head">
        <xsl:with-param name="title" select="@title"/>
      </xsl:call-template>
      <xsl:call-template name="bujiao-void"/>
      <table class="grid receipt-grid">
        <colgroup><col class="c-label"/><col class="c-value"/><col class="c-label"/><col class="c-value"/></colgroup>
        <tbody>
          <xsl:call-template name="unit-rows"/>
          <tr>
            <th>核定日期</th>
            <td><xsl:value-of select="detail/field[@label = '核定日期']"/></td>
            <th>补缴人数</th>
            <td><xsl:value-of select="detail/field[@label = '补缴人数']"/></td>
          </tr>
          <tr>
            <th>应缴总额(元)</th>
            <td colspan="3"><xsl:value-of select="detail/field[@label = '应缴总额(元)']"/></td>
          </tr>
        </tbody>
      </table>
      <xsl:call-template name="person-table">
        <xsl:with-param name="idno-label">身份证号</xsl:with-param>
      </xsl:call-template>
      <p class="receipt-note">各月各险种明细见本表的 Excel 版本(欠费补缴业务页面下载)。请持《单位社会保险费核定表》到主管税务机关缴费,并将税票带回社保经办机构办理缴费到帐确认。</p>
      <xsl:call-template name="verify-box"/>
    </article>
  </xsl:template>

</xsl:stylesheet>
