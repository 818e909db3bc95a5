<?xml version="1.0" encoding="UTF-8"?>
<!--
  jianyuan.xsl: 城镇职工减少 (减员 / 暂停缴费) as the seed's screen shows
  it [002]: 「▶ 城镇职工减少」 with 社会保障号码 / 人员范围 / 查询, 「▶ 减少原因」
  with *减少原因 and 变更日期, the person table with 上传附件 / 查看附件.
  Views: query (the form and the unit's insured persons), task (a saved
  减员: rows, the materials each rule demands, uploads, 提交 / 退单),
  batch (批量减员: template and upload), batch-result (the imported
  batch), table (《企业参保人员减员表》, A4).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>
  <xsl:include href="task.xsl"/>

  <!-- The 注意事项 of the seed, shown before anything is chosen. -->
  <xsl:template name="notes">
    <details class="notes" open="open">
      <summary>注意事项</summary>
      <ol class="rules">
        <li>人员符合法定退休年龄(按渐进式延迟法定退休年龄规定计算),且累计缴费满15年,可在网厅申报退休减少。网上不受理病退、特殊工种退休等非正常退休,请到经办机构办理。</li>
        <li>如人员存在其他单位的多重工伤关系,需要其他单位先减少多重工伤关系并通过审核。</li>
        <li>如人员当前结算期已缴费到账、权益到账,本结算期无法申报减少,需下月办理。</li>
        <li id="note-4">职工或编制外工作人员(如用工范围「合同制」)减少时,未匹配本单位退工信息或新单位用工信息的,需上传以下材料之一:退工花名册、新单位的用工备案表(用工覆盖)、解除劳动关系证明书(之前未作用工的)。</li>
        <li id="note-5">用工范围为「公务员」(含公务员(公务员补助)、公务员(门大))、「事业编制」、「合同制工人」或「未确定用工范围」的人员减少时,需上传:工作人员调令、任免文件或辞职辞退相关的文件材料。用工范围「合同制」的职工不适用本条,按第4条办理。</li>
        <li id="note-6">用工范围为「农籍工」的人员,无论是否存在退工或新单位就业信息,均需上传第4条材料之一。</li>
        <li id="note-7">人员为法人时,如无新单位的用工信息,需上传:法人新单位用工备案表、新法人营业执照或原单位法人变更后的营业执照、原单位注销表之一。</li>
        <li>死亡:居民死亡医学证明书或其他死亡证明材料;出国定居:定居国护照及公安户籍管理部门出具的销户证明;解除多重劳动关系(工伤):职工签字的辞职报告或单位辞退证明;退休:无需附件。</li>
        <li>单位应收核定后,不可再办理该结算期的城镇职工减少。</li>
        <li>每年12月21日至次年1月15日,需先进行年度职工缴费工资申报业务后,才可进行人员变动。</li>
        <li>人员存在社会保险欠费的,须先通过<a href="/bujiao">单位人员正常补缴费</a>办理欠费补缴,到帐确认后再办理减员(仅当月的欠费,可按规定办理<a href="/zhuxiao">当月欠费注销</a>);减少后次月起单位不再缴纳该职工的社会保险费。</li>
      </ol>
      <p class="note">附件须为PDF或JPG文件(按文件内容识别),每个不超过5MB。勾选的多名人员须为同一减少原因;其中任何一人不符合条件时,本次申报全部不予办理。</p>
    </details>
  </xsl:template>

  <!-- The tabs of the seed: 人员减少 / 结果查询 / 批量减员. -->
  <xsl:template name="tabs">
    <xsl:param name="current"/>
    <nav class="tabs buttons" aria-label="城镇职工减少">
      <a href="/jianyuan">
        <xsl:attribute name="class">
          <xsl:choose>
            <xsl:when test="$current = 'query'">btn btn-primary</xsl:when>
            <xsl:otherwise>btn</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:text>人员减少</xsl:text>
      </a>
      <xsl:text> </xsl:text>
      <a class="btn" href="/home">结果查询</a>
      <xsl:text> </xsl:text>
      <a href="/jianyuan/batch">
        <xsl:attribute name="class">
          <xsl:choose>
            <xsl:when test="$current = 'batch'">btn btn-primary</xsl:when>
            <xsl:otherwise>btn</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:text>批量减员</xsl:text>
      </a>
    </nav>
  </xsl:template>

  <!-- The query form and, below it, the form of 减少原因 with the list. -->
  <xsl:template match="page[@view = 'query']" mode="content">
    <xsl:call-template name="tabs"><xsl:with-param name="current">query</xsl:with-param></xsl:call-template>
    <xsl:call-template name="required-note"/>
    <xsl:call-template name="section"><xsl:with-param name="title">城镇职工减少</xsl:with-param></xsl:call-template>
    <form method="get" action="/jianyuan" class="form">
      <table class="form-grid">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">社会保障号码</xsl:with-param>
            <xsl:with-param name="name">sfzh</xsl:with-param>
            <xsl:with-param name="value" select="query/@sfzh"/>
            <xsl:with-param name="maxlength">18</xsl:with-param>
          </xsl:call-template>
          <th>人员范围</th>
          <td>
            <select name="scope" disabled="disabled" aria-label="人员范围">
              <option selected="selected">本单位</option>
            </select>
          </td>
          <td class="buttons-cell"><button type="submit" class="btn btn-primary">查询</button></td>
        </tr>
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">姓名或号码开头</xsl:with-param>
            <xsl:with-param name="name">q</xsl:with-param>
            <xsl:with-param name="value" select="persons/@q"/>
            <xsl:with-param name="maxlength">30</xsl:with-param>
          </xsl:call-template>
          <td colspan="3" class="note">按姓名或社会保障号码的开头查找本单位参保缴费人员</td>
        </tr>
      </table>
    </form>
    <xsl:call-template name="notes"/>
    <form method="post" action="/jianyuan/save" class="form">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="token" value="{form/@token}"/>
      <!-- A refused save shows the same page of the list again. -->
      <xsl:if test="persons/@q != ''"><input type="hidden" name="q" value="{persons/@q}"/></xsl:if>
      <xsl:if test="persons/pager/@page &gt; 1"><input type="hidden" name="page" value="{persons/pager/@page}"/></xsl:if>
      <xsl:call-template name="required-note"/>
      <xsl:call-template name="section"><xsl:with-param name="title">减少原因</xsl:with-param></xsl:call-template>
      <table class="form-grid">
        <tr>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">减少原因</xsl:with-param>
            <xsl:with-param name="name">reason</xsl:with-param>
            <xsl:with-param name="options" select="options[@name = 'reason']"/>
            <xsl:with-param name="current" select="query/@reason"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="blank">请选择</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">变更日期</xsl:with-param>
            <xsl:with-param name="name">change_date</xsl:with-param>
            <xsl:with-param name="value" select="query/@change-date"/>
            <xsl:with-param name="type">date</xsl:with-param>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
        </tr>
      </table>
      <xsl:call-template name="field-errors"><xsl:with-param name="name">pid</xsl:with-param></xsl:call-template>
      <xsl:call-template name="person-errors"/>
      <table class="grid persons">
        <thead>
          <tr><th class="check">选择</th><th>姓名</th><th>社会保障号码</th><th>个人社保编号</th><th>用工范围(附件规则)</th><th>操作</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="persons/person">
            <xsl:variable name="pid" select="@id"/>
            <tr>
              <xsl:if test="/page/errors/error[@field = concat('pid-', $pid)]">
                <xsl:attribute name="class">row-error</xsl:attribute>
              </xsl:if>
              <td class="check">
                <input type="checkbox" name="pid" value="{@id}" id="pid-{@id}" aria-label="选择 {@name}">
                  <xsl:if test="/page/checked/pid = $pid"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                </input>
              </td>
              <td><label for="pid-{@id}"><xsl:value-of select="@name"/></label>
                <xsl:if test="@arrears = '1'"> <span class="badge badge-overdue" title="须先办理欠费补缴(单位人员正常补缴费),到帐确认后再办理减员">欠费</span></xsl:if>
              </td>
              <td class="mono"><xsl:value-of select="@idno"/></td>
              <td class="mono"><xsl:value-of select="@sb-no"/></td>
              <td class="category">
                <xsl:value-of select="@category"/>
                <xsl:if test="rule">
                  <br/>
                  <span class="note">停缴费附件:</span>
                  <xsl:for-each select="rule">
                    <xsl:if test="position() != 1"><span class="note">、</span></xsl:if>
                    <a class="note rule-ref" href="#note-{.}" title="停缴费时所需附件见注意事项第{.}条">第<xsl:value-of select="."/>条</a>
                  </xsl:for-each>
                </xsl:if>
              </td>
              <td class="ops"><span class="op disabled" title="保存后按减少原因提示上传">上传附件</span> <span class="op disabled">查看附件</span></td>
            </tr>
          </xsl:for-each>
          <xsl:if test="not(persons/person)">
            <xsl:call-template name="empty-row"><xsl:with-param name="cols">6</xsl:with-param></xsl:call-template>
          </xsl:if>
        </tbody>
      </table>
      <xsl:for-each select="persons/pager">
        <xsl:call-template name="pager">
          <xsl:with-param name="total" select="@total"/>
          <xsl:with-param name="page" select="@page"/>
          <xsl:with-param name="size" select="@size"/>
          <xsl:with-param name="base-url" select="@base"/>
        </xsl:call-template>
      </xsl:for-each>
      <p class="note">勾选人员并选择减少原因后点击“保存”,再按提示为每人上传必要的附件,核对无误后点击“提交”。</p>
      <div class="buttons">
        <button type="submit" class="btn btn-primary">保存</button>
      </div>
    </form>
  </xsl:template>

  <!-- The errors naming persons (field pid-N), as a list. -->
  <xsl:template name="person-errors">
    <xsl:if test="/page/errors/error[@field != 'reason' and @field != 'change_date' and @field != 'sfzh']">
      <ul class="person-errors" role="alert">
        <xsl:for-each select="/page/errors/error[@field != 'reason' and @field != 'change_date' and @field != 'sfzh']">
          <li class="field-error"><xsl:value-of select="."/></li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- The facts of a task above its rows. -->
  <xsl:template name="task-head">
    <xsl:variable name="t" select="task"/>
    <table class="form-grid grid3">
      <tr>
        <xsl:call-template name="show-cells">
          <xsl:with-param name="label">业务顺序号</xsl:with-param>
          <xsl:with-param name="value" select="$t/@seq"/>
        </xsl:call-template>
        <th>业务状态</th>
        <td class="readonly">
          <xsl:call-template name="state-badge"><xsl:with-param name="state" select="$t/@state"/></xsl:call-template>
          <xsl:if test="$t/@decided-by != ''">(<xsl:value-of select="$t/@decided-by"/>)</xsl:if>
        </td>
        <th>回退标志</th>
        <td class="readonly">
          <xsl:call-template name="yes-no"><xsl:with-param name="v" select="$t/@returned"/></xsl:call-template>
        </td>
      </tr>
      <xsl:if test="$t/@returned = '1' and $t/@reason != ''">
        <tr>
          <th>回退原因</th>
          <td class="readonly returned-reason" colspan="5"><xsl:value-of select="$t/@reason"/></td>
        </tr>
      </xsl:if>
    </table>
    <xsl:call-template name="row-returns"/>
    <xsl:choose>
      <xsl:when test="$t/@state = '进行中'">
        <xsl:call-template name="task-state-note"/>
      </xsl:when>
      <xsl:when test="$t/@state = '结束'">
        <div class="msg msg-ok" role="status">
          <xsl:text>减员已办结:自停止缴费月份起,单位不再缴纳以下人员的社会保险费。</xsl:text>
          <xsl:choose>
            <xsl:when test="$t/@print-ready = '1'">
              <a class="op" href="/print/zonghe?id={$t/@id}">打印综合业务处理单</a>
            </xsl:when>
            <xsl:otherwise>
              <!-- As the /print list: no link before the day after approval. -->
              <span class="note print-later">可于 <xsl:value-of select="$t/@print-from"/> 起打印综合业务处理单</span>
            </xsl:otherwise>
          </xsl:choose>
        </div>
      </xsl:when>
      <xsl:when test="$t/@state = '退单'">
        <xsl:call-template name="task-state-note"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The rows of a task with each person's materials and uploads. -->
  <xsl:template name="task-rows">
    <xsl:variable name="edit" select="$editable"/>
    <table class="grid persons jianyuan-rows">
      <thead>
        <tr><th>序号</th><th>姓名</th><th>社会保障号码</th><th>减少原因</th><th>变更日期</th><th>停止缴费月份</th><th>附件要求</th><th>操作</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="rows/row">
          <xsl:variable name="pid" select="@pid"/>
          <xsl:variable name="err" select="/page/errors/error[@field = concat('pid-', $pid)]"/>
          <tr id="row-{@no}">
            <xsl:if test="$err">
              <xsl:attribute name="class">row-error</xsl:attribute>
            </xsl:if>
            <td><xsl:value-of select="@no"/></td>
            <td><xsl:value-of select="@name"/></td>
            <td class="mono"><xsl:value-of select="@idno"/></td>
            <td><xsl:value-of select="@reason"/></td>
            <td><xsl:value-of select="@change-date"/></td>
            <td><xsl:value-of select="@stop-month"/></td>
            <td class="needs">
              <xsl:for-each select="$err">
                <p class="field-error"><xsl:value-of select="."/></p>
              </xsl:for-each>
              <xsl:choose>
                <xsl:when test="not($edit)">—</xsl:when>
                <xsl:when test="not(/page/materials/material[@pid = $pid])">
                  <xsl:if test="not($err)">无需上传附件</xsl:if>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:call-template name="person-materials"><xsl:with-param name="pid" select="$pid"/></xsl:call-template>
                </xsl:otherwise>
              </xsl:choose>
            </td>
            <td class="ops">
              <xsl:call-template name="attachment-links"><xsl:with-param name="pid" select="$pid"/></xsl:call-template>
              <xsl:if test="$edit and count(/page/rows/row) &gt; 1">
                <xsl:call-template name="row-delete"><xsl:with-param name="row" select="@no"/></xsl:call-template>
              </xsl:if>
            </td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not(rows/row)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">8</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
  </xsl:template>

  <!-- 提交 / 退单 / 减员表 buttons. -->
  <xsl:template name="task-actions">
    <xsl:call-template name="submit-cancel">
      <xsl:with-param name="label">提交</xsl:with-param>
      <xsl:with-param name="more">
        <a class="btn" href="/jianyuan/table?id={task/@id}">打印减员表</a>
        <a class="btn" href="/jianyuan/export?id={task/@id}">批量减员导出(.xlsx)</a>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A saved 减员. -->
  <xsl:template match="page[@view = 'task']" mode="content">
    <xsl:call-template name="tabs"><xsl:with-param name="current">query</xsl:with-param></xsl:call-template>
    <xsl:call-template name="section"><xsl:with-param name="title">城镇职工减少</xsl:with-param></xsl:call-template>
    <xsl:call-template name="task-head"/>
    <xsl:call-template name="person-errors"/>
    <xsl:call-template name="section"><xsl:with-param name="title">减少人员</xsl:with-param></xsl:call-template>
    <xsl:call-template name="task-rows"/>
    <xsl:call-template name="task-actions"/>
    <xsl:call-template name="history"/>
  </xsl:template>

  <!-- 批量减员: the template and the upload. -->
  <xsl:template match="page[@view = 'batch']" mode="content">
    <xsl:call-template name="tabs"><xsl:with-param name="current">batch</xsl:with-param></xsl:call-template>
    <xsl:call-template name="section"><xsl:with-param name="title">批量减员</xsl:with-param></xsl:call-template>
    <ol class="steps">
      <li>点击“模板下载”,在模板上按要求填写减员人员信息(列:<xsl:for-each select="columns/column"><xsl:if test="position() != 1">、</xsl:if><xsl:value-of select="."/></xsl:for-each>)。模板第2行是示例(第一格以“示例:”开头),导入时自动跳过;减少原因请从下拉列表中选择。</li>
      <li>减少原因填写:<xsl:for-each select="options[@name = 'reason']/option"><xsl:if test="position() != 1">、</xsl:if><xsl:value-of select="."/></xsl:for-each>;变更日期格式 YYYY-MM-DD。</li>
      <li>选择填写好的模板并上传。填写不符合要求的人员导入失败,可点击“下载导入失败列表”查看原因。</li>
      <li>在结果页面为需要附件的人员上传附件,删除暂不办理的人员,再点击“提交审批”;如需取消,点击“退单”。</li>
    </ol>
    <xsl:call-template name="batch-upload"><xsl:with-param name="label">减员模板文件</xsl:with-param></xsl:call-template>
    <xsl:call-template name="notes"/>
  </xsl:template>

  <!-- An imported batch. -->
  <xsl:template match="page[@view = 'batch-result']" mode="content">
    <xsl:call-template name="tabs"><xsl:with-param name="current">batch</xsl:with-param></xsl:call-template>
    <xsl:call-template name="section"><xsl:with-param name="title">批量减员</xsl:with-param></xsl:call-template>
    <xsl:call-template name="task-head"/>
    <xsl:call-template name="batch-counts"/>
    <xsl:call-template name="person-errors"/>
    <xsl:call-template name="task-rows"/>
    <xsl:call-template name="task-actions"/>
    <xsl:call-template name="history"/>
  </xsl:template>

  <!-- 《企业参保人员减员表》: an A4 sheet. -->
  <xsl:template match="page[@view = 'table']" mode="content">
    <div class="no-print buttons">
      <a class="btn" href="/jianyuan?id={task/@id}">返回</a>
      <a class="btn" href="/jianyuan/export?id={task/@id}">导出Excel</a>
    </div>
    <div class="receipt jianyuan-table">
      <h1 class="receipt-title">企业参保人员减员表</h1>
      <div class="receipt-meta">
        <span>单位名称: <xsl:value-of select="unit/@name"/></span>
        <span>单位社保编号: <xsl:value-of select="unit/@sb-code"/></span>
      </div>
      <div class="receipt-meta">
        <span>业务顺序号: <xsl:value-of select="task/@seq"/></span>
        <span>业务状态: <xsl:value-of select="task/@state"/></span>
        <span>制表时间: <xsl:value-of select="rows/@printed"/></span>
        <xsl:if test="rows/@reviewer">
          <span class="reviewer">审核人: <xsl:value-of select="rows/@reviewer"/></span>
        </xsl:if>
      </div>
      <xsl:if test="receipt/@no">
        <div class="receipt-meta receipt-verify">
          <span>回执编号: <span class="mono"><xsl:value-of select="receipt/@no"/></span></span>
          <span>验证码: <span class="mono"><xsl:value-of select="receipt/@code"/></span></span>
          <span>验证网址: <xsl:value-of select="receipt/@verify-url"/></span>
        </div>
      </xsl:if>
      <table class="grid">
        <thead>
          <tr><th>序号</th><th>姓名</th><th>社会保障号码</th><th>个人社保编号</th><th>减少原因</th><th>变更日期</th><th>停止缴费月份</th><th>备注</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="rows/row">
            <tr>
              <td><xsl:value-of select="position()"/></td>
              <td><xsl:value-of select="@name"/></td>
              <td class="mono"><xsl:value-of select="@idno"/></td>
              <td class="mono"><xsl:value-of select="@sb-no"/></td>
              <td><xsl:value-of select="@reason"/></td>
              <td><xsl:value-of select="@change-date"/></td>
              <td><xsl:value-of select="@stop-month"/></td>
              <td></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      <p>合计减少 <strong><xsl:value-of select="count(rows/row)"/></strong> 人。</p>
      <div class="signature">
        <p>单位经办人(签字):__________ 　单位(盖章)</p>
        <p>日期:____年__月__日</p>
      </div>
    </div>
  </xsl:template>

</xsl:stylesheet>
